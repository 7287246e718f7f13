package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.ingest.TestJwts;
import dev.ratings.testsupport.AdminProbe;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may reach the ingest API: {@code /admin/**} needs an admin; a token without {@code exp} or
 * living longer than the maximum is refused; health details and metrics are only on the management
 * port, and the app port has no actuator at all; nobody can mint a demo user's token.
 */
@TestPropertySource(properties = "ratings.kafka.partitions=2")
class IngestSecurityIT extends RunningServiceWithBroker {

    @Test
    void adminPathsAreForAdminsOnly() {
        AdminProbe.Answers answers = AdminProbe.probe("POST", app("/admin/cache-rebuilds"));

        assertRefused(answers.anonymous(), 401);
        assertRefused(answers.user(), 403);
        assertThat(answers.admin().statusCode())
                .as("an admin passes security (the endpoint itself is the ingest area's)")
                .isNotIn(401, 403);
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token = TestJwts.withClaims("{\"sub\":\"alice\",\"iat\":" + now + "}");

        HttpResponse<String> response = api.postJson("/api/posts/", "{\"title\":\"t\",\"body\":\"b\"}", token);

        assertRefused(response, 401);
        assertThat(Api.json(response).get("detail").asString()).contains("no exp claim");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token =
                TestJwts.withClaims("{\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":" + (now + 7 * 86_400) + "}");

        HttpResponse<String> response = api.postJson("/api/posts/", "{\"title\":\"t\",\"body\":\"b\"}", token);

        assertRefused(response, 401);
        assertThat(Api.json(response).get("detail").asString()).contains("exceeds the maximum of PT24H");
    }

    @Test
    void devSignInIsOffInTheShippedConfiguration() {
        assertThat(Api.json(api.get("/api/dev", null)).get("signIn").asBoolean())
                .isFalse();

        HttpResponse<String> minted = api.postJson("/api/dev/tokens", "{\"user\":\"mallory\"}", null);

        assertThat(minted.statusCode()).isEqualTo(404);
        assertThat(Api.json(minted).has("token")).isFalse();
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        assertThat(api.get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/actuator/health", null).statusCode()).isEqualTo(404);
        assertThat(api.get("/actuator", null).statusCode()).isEqualTo(404);

        HttpResponse<String> metrics = management.get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(Api.json(management.get("/actuator/health", null)).has("components"))
                .isTrue();
    }

    private String app(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(AdminProbe.summary(response)).isEqualTo(AdminProbe.refusal(status));
    }
}
