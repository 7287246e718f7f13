package dev.ratings.ingest.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.TestJwts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** With {@code ratings.dev.sign-in=true}, the page can get an ordinary user's short-lived token. */
@WebMvcTest({DevModeController.class, DemoTokenController.class})
@Import(SliceBeans.class)
@EnableConfigurationProperties(DevSettings.class) // the application's scan is not part of a slice
@TestPropertySource(properties = {"ratings.auth.jwt-secret=" + TestJwts.SECRET, "ratings.dev.sign-in=true"})
class DevSignInOnTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtDecoder decoder;

    @Test
    void thePageLearnsThatSignInIsOn() throws Exception {
        mvc.perform(get("/api/dev"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signIn").value(true));
    }

    @Test
    void aTokenForTheUserIsSignedWithTheServersSecretAndExpiresWithinAnHour() throws Exception {
        String body = mint("{\"user\":\"alice\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value("alice"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        Jwt token = decoder.decode(JsonPath.read(body, "$.token"));
        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(token.getExpiresAt()).isEqualTo(Instant.parse(JsonPath.read(body, "$.expiresAt")));
        assertThat(token.hasClaim("scope")).as("never an admin").isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|user",
                "{\"user\":\"\"}|user",
                "{\"user\":\"a b\"}|user",
                "{\"user\":42}|user",
                "{\"user\":\"alice\",\"scope\":\"ratings:admin\"}|scope",
                "[]|body"
            })
    void aBadUserNameIsAProblemNamingTheField(String json, String field) throws Exception {
        mint(json)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.token").doesNotExist());
    }

    @Test
    void aTooLongUserNameIsRefused() throws Exception {
        mint("{\"user\":\"" + "a".repeat(65) + "\"}").andExpect(status().isBadRequest());
    }

    private ResultActions mint(String json) throws Exception {
        return mvc.perform(
                post("/api/dev/tokens").contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
