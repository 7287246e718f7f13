package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lose the database, lose nothing: posts and ratings go in, the database is dropped under the
 * running system (the API answers 503 fast, not a hang), and what {@code ./ratings recover} does
 * (an empty database, the sink reading the topics from the beginning while the ingest API answers
 * 503, which then re-seeds post ids) brings back the same posts and windows; a new post gets an id
 * never given before.
 */
class DatabaseRecoveryE2EIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(WINDOW, GRACE);

    @Test
    void droppedDatabaseIsRebuiltFromKafkaWithTheSamePostsAndWindowsAndNewIdsStayNew() {
        List<Long> ids = List.of(
                pipeline.api().createPost("alice", "first"),
                pipeline.api().createPost("bob", "second"),
                pipeline.api().createPost("alice", "third"));
        pipeline.api().rate("u1", ids.get(0), 5);
        pipeline.api().rate("u2", ids.get(0), 2);
        pipeline.api().rate("u1", ids.get(1), 4);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> windowCount(ids) == 2 && scored(pipeline.api().posts()) == 2);
        Map<Long, JsonNode> windowsBefore = windows(ids);
        JsonNode postsBefore = withoutScoreAsOfNow(pipeline.api().posts());

        pipeline.database().drop();

        long asked = System.nanoTime();
        HttpResponse<String> unavailable = pipeline.api().raw("/api/posts/");
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answeredIn).isLessThan(Duration.ofSeconds(5));

        // what ./ratings recover does; the ingest API keeps running and answers 503 meanwhile
        pipeline.stop("sink");
        pipeline.database().createEmpty();
        assertThat(pipeline.api().raw("/api/posts/").statusCode()).isEqualTo(503);
        pipeline.start("sink", Map.of("RATINGS_SINK_REBUILD_ENABLED", "true"));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.api().raw("/api/posts/").statusCode() == 200);
        assertThat(withoutScoreAsOfNow(pipeline.api().posts())).isEqualTo(postsBefore);
        assertThat(windows(ids)).isEqualTo(windowsBefore);
        long newId = pipeline.api().createPost("carol", "after the loss");
        assertThat(newId)
                .isGreaterThan(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static Map<Long, JsonNode> windows(List<Long> ids) {
        Map<Long, JsonNode> windows = new LinkedHashMap<>();
        ids.forEach(id -> windows.put(id, pipeline.api().windows(id)));
        return windows;
    }

    private static long windowCount(List<Long> ids) {
        return ids.stream()
                .mapToLong(id -> pipeline.api().windows(id).get("items").size())
                .sum();
    }

    private static long scored(JsonNode posts) {
        return posts.get("items")
                .valueStream()
                .filter(post -> !post.get("scoreUpdatedAt").isNull())
                .count();
    }

    /** averageRating is the score as of the request (it converges while a post is quiet). */
    private static JsonNode withoutScoreAsOfNow(JsonNode posts) {
        JsonNode copy = posts.deepCopy();
        copy.get("items").forEach(post -> ((ObjectNode) post).remove("averageRating"));
        return copy;
    }
}
