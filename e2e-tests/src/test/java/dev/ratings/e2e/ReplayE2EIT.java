package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recalculation on the running system: replaying the history gives back exactly the rows the live
 * run wrote, a replay with another decay factor changes the scores as the formula says, and a
 * replay without settings returns to the configured ones — while the API keeps answering.
 */
class ReplayE2EIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final double PRIOR_MEAN = 2.5;

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(WINDOW, GRACE);

    @Test
    void replaysReproduceTheLiveRowsAndNewParametersChangeScoresAsTheFormulaSays() throws Exception {
        long postA = pipeline.api().createPost("alice", "replayed");
        long postB = pipeline.api().createPost("alice", "also replayed");
        Set<String> activeWindows = new HashSet<>();
        rate(activeWindows, "u1", postA, 5);
        rate(activeWindows, "u2", postA, 2);
        rate(activeWindows, "u1", postA, 4);
        rate(activeWindows, "u3", postB, 3);
        awaitNextWindow();
        rate(activeWindows, "u3", postA, 1);
        rate(activeWindows, "u2", postA, 5);
        awaitNextWindow();
        awaitNextWindow();
        rate(activeWindows, "u4", postB, 0);
        // every active window closed: one row each (they close without further traffic)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows("post_rating_windows", 1).size() == activeWindows.size());
        List<Map<String, Object>> liveWindows = withoutGeneration(rows("post_rating_windows", 1));
        List<Map<String, Object>> liveScores = withoutGeneration(rows("post_scores", 1));

        replay("{}", 2);
        assertThat(withoutGeneration(rows("post_rating_windows", 2))).isEqualTo(liveWindows);
        assertThat(withoutGeneration(rows("post_scores", 2))).isEqualTo(liveScores);
        assertThat(rows("post_rating_windows", 1))
                .as("the old generation is cleaned up")
                .isEmpty();

        replay("{\"set\":{\"ratings.decay.factor\":\"0.3\"}}", 3);
        List<Map<String, Object>> slower = rows("post_rating_windows", 3);
        assertThat(slower).hasSameSizeAs(liveWindows);
        assertScoresFollowTheFormula(slower, 0.3);
        for (int i = 0; i < slower.size(); i++) {
            assertThat(slower.get(i).get("target")).isEqualTo(liveWindows.get(i).get("target"));
            assertThat(slower.get(i).get("rating_count"))
                    .isEqualTo(liveWindows.get(i).get("rating_count"));
        }
        assertThat(slower.get(0).get("score")).isNotEqualTo(liveWindows.get(0).get("score"));
        assertThat(pipeline.api().post(postA, "u1").get("myRating").asInt())
                .as("the API kept serving")
                .isEqualTo(4);

        replay("{}", 4);
        assertThat(withoutGeneration(rows("post_rating_windows", 4))).isEqualTo(liveWindows);
    }

    private static void rate(Set<String> activeWindows, String user, long postId, int rating) {
        Instant accepted = pipeline.api().rate(user, postId, rating);
        activeWindows.add(postId + "@" + Math.floorDiv(accepted.toEpochMilli(), WINDOW.toMillis()));
    }

    /** Per post, in window order: S' = m at first, then T_p + (S_p − T_p)·δ^(g−1); S = T + (S' − T)·δ. */
    private static void assertScoresFollowTheFormula(List<Map<String, Object>> windows, double decay) {
        Long post = null;
        double score = 0;
        double target = 0;
        long start = 0;
        for (Map<String, Object> window : windows) {
            long windowStart = ((java.sql.Timestamp) window.get("window_start")).getTime();
            double carried;
            if (!window.get("post_id").equals(post)) {
                carried = PRIOR_MEAN;
            } else {
                long gap = (windowStart - start) / WINDOW.toMillis();
                carried = target + (score - target) * Math.pow(decay, gap - 1);
            }
            target = (double) window.get("target");
            score = target + (carried - target) * decay;
            assertThat((double) window.get("score")).isCloseTo(score, org.assertj.core.data.Offset.offset(1e-9));
            post = (Long) window.get("post_id");
            start = windowStart;
        }
    }

    /** Starts a replay like `./ratings replay` and waits until PostgreSQL shows it as current. */
    private static void replay(String body, long expectedGeneration) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(pipeline.streamProcessorUrl() + "/admin/replays"))
                        .header("Authorization", "Bearer " + TestTokens.forAdmin("operator"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains("\"generation\":" + expectedGeneration);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> currentGeneration() == expectedGeneration);
    }

    private static long currentGeneration() throws SQLException {
        try (Connection connection = connect();
                ResultSet result = connection
                        .createStatement()
                        .executeQuery("SELECT generation FROM score_generations WHERE state = 'current'")) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private static List<Map<String, Object>> rows(String table, long generation) throws SQLException {
        String sql = "SELECT * FROM " + table + " WHERE generation = ? ORDER BY post_id, window_start";
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, generation);
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnName(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Rows as a fresh run would write them: the generation number and bookkeeping times aside. */
    private static List<Map<String, Object>> withoutGeneration(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> {
                    Map<String, Object> copy = new LinkedHashMap<>(row);
                    copy.remove("generation");
                    copy.remove("written_at");
                    return copy;
                })
                .toList();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                pipeline.database().jdbcUrl(),
                pipeline.database().user(),
                pipeline.database().password());
    }

    private static void awaitNextWindow() {
        long next = Math.floorDiv(System.currentTimeMillis(), WINDOW.toMillis()) + 1;
        await().atMost(WINDOW.multipliedBy(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Math.floorDiv(System.currentTimeMillis(), WINDOW.toMillis()) >= next);
    }
}
