package dev.ratings.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    @Test
    void aProblemWithoutTypeOrInstanceIsWrittenAsIs() throws Exception {
        // the 401 for a token signed with another secret came without a type, and writing it once failed
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Authorization: rejected");
        problem.setType(null);
        MockHttpServletResponse response = new MockHttpServletResponse();

        Problems.write(problem, response);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(body.has("type")).isFalse();
        assertThat(body.has("instance")).isFalse();
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("detail").asString()).isEqualTo("Authorization: rejected");
    }
}
