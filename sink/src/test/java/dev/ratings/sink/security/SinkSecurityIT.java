package dev.ratings.sink.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.sink.RunningSink;
import dev.ratings.testsupport.AdminProbe;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may reach the sink: its app port answers {@code /admin/**} to admins only and refuses
 * everything else; health, metrics and the generations report are on the management port.
 */
@TestPropertySource(properties = "ratings.kafka.partitions=2")
class SinkSecurityIT extends RunningSink {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void adminPathsAreForAdminsOnly() {
        AdminProbe.Answers answers = AdminProbe.probe("GET", app("/admin/generations"));

        assertRefused(answers.anonymous(), 401);
        assertRefused(answers.user(), 403);
        assertThat(answers.admin().statusCode())
                .as("an admin passes security (the listing itself is the generations area's)")
                .isNotIn(401, 403);
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        assertRefused(AdminProbe.send("GET", app("/actuator/prometheus"), null), 401);
        assertRefused(AdminProbe.send("GET", app("/actuator/scoregenerations"), null), 401);
        assertRefused(AdminProbe.send("GET", app("/actuator/health"), null), 401);

        HttpResponse<String> metrics = AdminProbe.send("GET", management("/actuator/prometheus"), null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
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
