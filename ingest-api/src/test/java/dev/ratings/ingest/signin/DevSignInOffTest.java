package dev.ratings.ingest.signin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** With the shipped configuration (application.yml), nobody can mint a token: production mode. */
@WebMvcTest({DevModeController.class, DemoTokenController.class})
@Import(SliceBeans.class)
@EnableConfigurationProperties(DevSettings.class) // the application's scan is not part of a slice
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class DevSignInOffTest {

    @Autowired
    MockMvc mvc;

    @Test
    void thePageLearnsThatSignInIsOff() throws Exception {
        mvc.perform(get("/api/dev"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signIn").value(false));
    }

    @Test
    void mintingATokenIsNotFoundByDefault() throws Exception {
        mvc.perform(post("/api/dev/tokens")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"user\":\"alice\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.token").doesNotExist());
    }
}
