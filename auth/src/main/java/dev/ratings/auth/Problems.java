package dev.ratings.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Building problem details, and writing them where no message converter runs (servlet filters). */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(instance(request));
        return problem;
    }

    /** A problem that names the offending request {@code field}, if not null. */
    public static ProblemDetail of(HttpStatusCode status, String detail, String field, HttpServletRequest request) {
        ProblemDetail problem = of(status, detail, request);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** The request path as the problem's instance; none when it is not a valid URI reference. */
    public static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Writes the problem as the whole response body (UTF-8, as JSON always is); other headers are the
     * caller's.
     */
    public static void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
