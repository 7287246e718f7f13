package dev.ratings.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ratings.tools.Http;
import dev.ratings.tools.ToolException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay's requests against a stand-in for the stream processor and the sink on loopback. */
class ReplayTest {

    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<String> statuses = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private Replay replay;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            int status = 200;
            String answer;
            if (path.equals("/admin/replays") && body.contains("0.9")) {
                status = 400;
                answer = "{\"detail\":\"ratings.decay.factor out of range\"}";
            } else if (path.equals("/admin/replays")) {
                status = 202;
                answer = "{\"generation\":2,\"state\":\"BUILDING\",\"phase\":\"CATCHING_UP\"}";
            } else if (path.equals("/admin/replays/2")) {
                answer = statuses.size() > 1 ? statuses.poll() : statuses.peek();
            } else {
                answer = "{\"current\":2,\"generations\":[{\"generation\":2,\"ratingEvents\":5,"
                        + "\"rows\":{\"post_rating_windows\":3,\"post_scores\":1}}]}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        replay = new Replay(
                new Http(base, "admin-token"),
                new Http(base, "admin-token"),
                Duration.ofSeconds(20),
                Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheSettingsWithTheAdminTokenAndFollowsUntilTheSinkShowsItCurrent() throws InterruptedException {
        statuses.addAll(List.of(
                "{\"state\":\"BUILDING\",\"phase\":\"CATCHING_UP\"}",
                "{\"state\":\"BUILDING\",\"phase\":\"WAITING_FOR_SINK\"}",
                "{\"state\":\"CURRENT\",\"phase\":\"CURRENT\"}"));

        long generation = replay.start(ReplayRequest.of(List.of("ratings.decay.factor=0.3")));
        Replay.Promoted promoted = replay.follow(generation);

        assertThat(generation).isEqualTo(2);
        assertThat(promoted.generation()).isEqualTo(2);
        assertThat(promoted.ratingEvents()).isEqualTo(5);
        assertThat(promoted.windowRows()).isEqualTo(3);
        assertThat(promoted.postRows()).isEqualTo(1);
        // caught up (WAITING_FOR_SINK) a poll before current, current before the sink showed it
        assertThat(promoted.caughtUpMs()).isLessThan(promoted.currentMs());
        assertThat(promoted.currentMs()).isLessThanOrEqualTo(promoted.promotedMs());
        assertThat(requests.poll())
                .isEqualTo("POST /admin/replays Bearer admin-token {\"set\":{\"ratings.decay.factor\":\"0.3\"}}");
        assertThat(requests)
                .extracting(line -> line.split(" ")[1])
                .containsSubsequence("/admin/replays/2", "/admin/replays/2", "/admin/replays/2", "/admin/generations");
    }

    @Test
    void aRefusalStopsWithTheServicesReason() {
        assertThatThrownBy(() -> replay.start(ReplayRequest.of(List.of("ratings.decay.factor=0.9"))))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("refused the replay (400)")
                .hasMessageContaining("out of range");
    }

    @Test
    void anAbandonedGenerationIsAFailure() {
        statuses.add("{\"state\":\"RETIRED\",\"phase\":\"RETIRED\"}");

        assertThatThrownBy(() -> replay.follow(2))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("retired");
    }
}
