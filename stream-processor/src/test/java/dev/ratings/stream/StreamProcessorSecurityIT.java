package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.testsupport.AdminProbe;
import dev.ratings.testsupport.TestTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may reach the stream processor: its app port serves {@code /admin/**} to admins only and
 * nothing else; health and metrics are on the management port. (The same context as {@link
 * ReplayIT}'s, so the two share one start.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ratings.replay.check-interval=PT0.2S")
class StreamProcessorSecurityIT extends StreamsOnEmbeddedKafka {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theGenerationsListingIsForAdminsOnly() {
        AdminProbe.Answers answers = AdminProbe.probe("GET", app("/admin/generations"));

        assertRefused(answers.anonymous(), 401);
        assertRefused(answers.user(), 403);
        assertThat(answers.admin().statusCode()).isEqualTo(200);
        assertThat(answers.admin().body()).startsWith("[");
    }

    @Test
    void nobodyButAnAdminStartsAReplay() {
        AdminProbe.Answers status = AdminProbe.probe("GET", app("/admin/replays/1"));
        assertRefused(status.anonymous(), 401);
        assertRefused(status.user(), 403);
        String before = generations();

        assertRefused(AdminProbe.send("POST", app("/admin/replays"), null), 401);
        assertRefused(AdminProbe.send("POST", app("/admin/replays"), TestTokens.forUser("eve")), 403);

        assertThat(generations()).as("no replay was started").isEqualTo(before);
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        assertRefused(AdminProbe.send("GET", app("/actuator/prometheus"), null), 401);
        assertRefused(AdminProbe.send("GET", app("/actuator/health"), null), 401);

        HttpResponse<String> metrics = AdminProbe.send("GET", management("/actuator/prometheus"), null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> health = AdminProbe.send("GET", management("/actuator/health"), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"components\"");
    }

    private String generations() {
        return AdminProbe.send("GET", app("/admin/generations"), TestTokens.forAdmin("ops"))
                .body();
    }

    private String app(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(AdminProbe.summary(response)).isEqualTo(AdminProbe.refusal(status));
    }
}
