package dev.ratings.auth;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared rules over HTTP, on a service built like the three are: every refusal is a 401 or 403
 * problem, with the reason in its detail and the RFC 6750 header.
 */
@SpringBootTest(
        classes = ServiceSecurityTest.AdminService.class,
        properties = {
            "ratings.auth.jwt-secret=" + Hs256JwtDecoderTest.SECRET,
            "ratings.auth.issuer=https://issuer.example",
            "ratings.auth.audience=ratings"
        })
@AutoConfigureMockMvc
class ServiceSecurityTest {

    private static final TokenMinter MINTER = Hs256JwtDecoderTest.MINTER;

    @Autowired
    MockMvc mvc;

    @Test
    void anAdminEndpointAnswers401WithoutAToken() throws Exception {
        refused(mvc.perform(post("/admin/things")), 401, "needs a bearer token");
    }

    @Test
    void anAdminEndpointAnswers403ToAnOrdinaryUser() throws Exception {
        refused(
                        mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, bearer(claims()))),
                        403,
                        "ratings:admin")
                .andExpect(
                        header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.containsString("insufficient_scope")));
    }

    @Test
    void anAdminEndpointServesAnAdmin() throws Exception {
        mvc.perform(post("/admin/things")
                        .header(HttpHeaders.AUTHORIZATION, bearer(claims().withScope(TokenClaims.ADMIN_SCOPE))))
                .andExpect(status().isOk())
                .andExpect(content().string("done"));
    }

    @Test
    void anyOtherPathIsDenied() throws Exception {
        refused(mvc.perform(get("/things")), 401, "needs a bearer token");
        refused(mvc.perform(get("/things").header(HttpHeaders.AUTHORIZATION, bearer(claims()))), 403, "may not");
    }

    @Test
    void aTokenWithoutExpIs401() throws Exception {
        String token = MINTER.signed(
                "{\"alg\":\"HS256\"}",
                "{\"sub\":\"ops\",\"scope\":\"ratings:admin\",\"iss\":\"https://issuer.example\",\"aud\":\"ratings\"}");

        refused(mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)), 401, "no exp");
    }

    @Test
    void aTokenOverTheMaximumLifetimeIs401() throws Exception {
        TokenClaims week = new TokenClaims(
                "ops",
                Instant.now(),
                Duration.ofDays(7),
                java.util.List.of(TokenClaims.ADMIN_SCOPE),
                "https://issuer.example",
                "ratings");

        refused(mvc.perform(post("/admin/things").header(HttpHeaders.AUTHORIZATION, bearer(week))), 401, "maximum");
    }

    @Test
    void aWrongIssuerOrAudienceIs401() throws Exception {
        TokenClaims admin =
                TokenClaims.of("ops", Instant.now(), Duration.ofHours(1)).withScope(TokenClaims.ADMIN_SCOPE);

        refused(
                mvc.perform(post("/admin/things")
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                bearer(admin.withIssuer("https://other.example").withAudience("ratings")))),
                401,
                "iss");
        refused(
                mvc.perform(post("/admin/things")
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                bearer(admin.withIssuer("https://issuer.example")
                                        .withAudience("billing")))),
                401,
                "aud");
    }

    private static TokenClaims claims() {
        return TokenClaims.of("alice", Instant.now(), Duration.ofHours(1))
                .withIssuer("https://issuer.example")
                .withAudience("ratings");
    }

    private static String bearer(TokenClaims claims) {
        return "Bearer " + MINTER.mint(claims);
    }

    private static ResultActions refused(ResultActions result, int status, String detail) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.instance").isString())
                .andExpect(jsonPath("$.detail", Matchers.containsString(detail)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Bearer")));
    }

    /** A service like the stream processor and the sink: admin endpoints, nothing else. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({OperatorsOnlySecurity.class, AdminService.Things.class})
    static class AdminService {

        @RestController
        static class Things {

            @PostMapping("/admin/things")
            String act() {
                return "done";
            }

            @GetMapping("/things")
            String read() {
                return "read";
            }
        }
    }
}
