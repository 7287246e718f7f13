package dev.ratings.ingest;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.ingest.MalformedRequests.BadRequest;
import java.net.URI;
import org.hamcrest.Matchers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Runs a case of {@link MalformedRequests} through MockMvc and checks the problem it gets. */
public final class SliceRequests {

    private SliceRequests() {}

    /** A JSON POST as the token's user. */
    public static MockHttpServletRequestBuilder postJson(String path, String body, String token) {
        return post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .content(body);
    }

    public static ResultActions performRefused(MockMvc mvc, BadRequest bad, long postId) throws Exception {
        // the path is already URL-encoded: a URI keeps it as it is
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(bad.method()), URI.create(bad.path(postId)));
        bad.headers().forEach(header -> request.header(header.name(), header.value()));
        if (bad.body() != null) {
            request.content(bad.body());
        }
        ResultActions result = mvc.perform(request)
                .andExpect(status().is(bad.status()))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(bad.status()))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.detail", Matchers.startsWith(bad.detail())));
        if (bad.status() == 401) {
            result.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Bearer")));
        }
        return result;
    }
}
