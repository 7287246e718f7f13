package dev.ratings.ingest.web;

import dev.ratings.auth.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as RFC 9457 {@code application/problem+json}, with a {@code detail} that
 * names the offending field and the rule it breaks.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);
    private static final String UNDEFINED_TABLE = "42P01";

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, HttpServletRequest request) {
        return refused(e.status(), e.getMessage(), e.field(), e.retryAfter(), request);
    }

    /**
     * PostgreSQL unreachable or refusing connections: a retryable 503 like a Kafka outage, not a 500,
     * so that clients and load balancers back off instead of reporting a bug.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("PostgreSQL unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        return refused(
                HttpStatus.SERVICE_UNAVAILABLE,
                "database: PostgreSQL is unavailable; retry in " + RetryAfter.seconds(DATABASE_RETRY_AFTER) + " s",
                null,
                DATABASE_RETRY_AFTER,
                request);
    }

    /**
     * The database is there but empty (dropped and created again, not migrated yet): {@code
     * undefined_table}. As unavailable as a database that is down, until {@code ./ratings recover}
     * has rebuilt it. Any other bad SQL is a bug.
     */
    @ExceptionHandler(BadSqlGrammarException.class)
    ResponseEntity<ProblemDetail> databaseNotMigrated(BadSqlGrammarException e, HttpServletRequest request) {
        if (!UNDEFINED_TABLE.equals(e.getSQLException().getSQLState())) {
            return unexpected(e, request);
        }
        return databaseUnavailable(e, request);
    }

    private static ResponseEntity<ProblemDetail> refused(
            HttpStatus status, String detail, String field, Duration retryAfter, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(retryAfter)));
        }
        return response.body(Problems.of(status, detail, field, request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.of(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "server: an unexpected error occurred; it has been logged",
                        request))
                .build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String got = e.getContentType() == null ? "none" : "'" + e.getContentType() + "'";
        String supported =
                e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(status, "Content-Type: must be " + supported + ", got " + got);
        problem.setProperty("field", "Content-Type");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null
                ? "none"
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, "method: " + e.getMethod() + " is not allowed here; allowed: " + allowed);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(status, request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(status, request), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && problem.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            problem.setInstance(Problems.instance(servlet.getRequest()));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ProblemDetail noSuchPath(HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : "this path";
        return ProblemDetail.forStatusAndDetail(status, "path: there is no endpoint at " + path);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        return Problems.of(status, detail, null, request);
    }
}
