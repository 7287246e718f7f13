package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.e2e.examples.PostScoresConsumer;
import dev.ratings.testsupport.ContractSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A rating's whole journey through the three services running as processes: HTTP → ingest-api →
 * Kafka → stream-processor → Kafka → sink → PostgreSQL → HTTP, with three-second windows that close
 * with no further traffic. Expected values are worked out here from the decay-v1 formula.
 */
class RatingPipelineE2EIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final double PRIOR_MEAN = 2.5;
    private static final double DECAY = 0.5;
    private static final double SMOOTHING = 0.2;
    private static final Duration CLOSE_BOUND = WINDOW.plus(GRACE).plusSeconds(15);

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(WINDOW, GRACE);

    @Test
    void ratingsTravelTheWholePipelineAndScoresFollowTheFormula() {
        long postA = pipeline.api().createPost("alice", "first");
        long postB = pipeline.api().createPost("alice", "second");

        // Window 1: several users, a re-rating within the window, two posts.
        awaitStartOfAWindow();
        List<Instant> accepted = new ArrayList<>();
        accepted.add(pipeline.api().rate("u1", postA, 5));
        accepted.add(pipeline.api().rate("u2", postA, 3));
        accepted.add(pipeline.api().rate("u1", postA, 4)); // replaces 5
        accepted.add(pipeline.api().rate("u3", postA, 2));
        accepted.add(pipeline.api().rate("u1", postB, 1));
        accepted.add(pipeline.api().rate("u4", postB, 5));
        accepted.add(pipeline.api().rate("u5", postB, 5));
        long window1 = windowIndex(accepted.get(0));
        assertThat(accepted).allMatch(at -> windowIndex(at) == window1, "all in one window");
        assertThat(pipeline.api().post(postA, "u1").get("myRating").asInt())
                .as("visible at once")
                .isEqualTo(4);

        // No further traffic: the windows must still close.
        JsonNode a1 = awaitScore(postA, window1);
        // First window: S' = m, b' = 0; w = min(1, 3·10/N) = 1 for N = 4 events.
        double target1 = (4 + 3 + 2) / 3.0;
        double score1 = target1 + (PRIOR_MEAN - target1) * DECAY;
        double baseline1 = SMOOTHING * 4;
        assertThat(a1.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(a1.get("rawAverage").asDouble()).isCloseTo(target1, within());
        assertShownScore(postA, a1, target1, score1, window1);

        JsonNode b1 = awaitScore(postB, window1);
        double targetB = (1 + 5 + 5) / 3.0;
        assertThat(b1.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(b1.get("rawAverage").asDouble()).isCloseTo(targetB, within());
        assertShownScore(postB, b1, targetB, targetB + (PRIOR_MEAN - targetB) * DECAY, window1);

        // A later window: u2 changes their mind; their old rating must be replaced, not added.
        Instant rerated = pipeline.api().rate("u2", postA, 0);
        long window2 = windowIndex(rerated);
        assertThat(window2).isGreaterThan(window1);
        JsonNode a2 = awaitScore(postA, window2);
        long gap = window2 - window1;
        double carried = target1 + (score1 - target1) * Math.pow(DECAY, gap - 1);
        double carriedBaseline = baseline1 * Math.pow(1 - SMOOTHING, gap - 1);
        assertThat(3 * Math.max(carriedBaseline, 10) / 1).as("w = 1").isGreaterThanOrEqualTo(1);
        double target2 = (4 + 0 + 2) / 3.0;
        double score2 = target2 + (carried - target2) * DECAY;
        assertThat(a2.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(a2.get("rawAverage").asDouble()).isCloseTo(target2, within());
        assertShownScore(postA, a2, target2, score2, window2);
        assertThat(pipeline.api().post(postA, "u2").get("myRating").asInt()).isEqualTo(0);
        assertThat(pipeline.api().post(postA, null).get("myRating").isNull()).isTrue();

        // Each closed window is listed once, newest first.
        assertThat(windowStarts(pipeline.api().windows(postA))).containsExactly(start(window2), start(window1));
        assertThat(windowStarts(pipeline.api().windows(postB))).containsExactly(start(window1));
        JsonNode newest = pipeline.api().windows(postA).get("items").get(0);
        assertThat(newest.get("score").asDouble()).isCloseTo(score2, within());
        assertThat(newest.get("ratingsInWindow").asLong()).isEqualTo(1);
        assertThat(newest.get("newRaters").asLong()).isZero();

        // A downstream consumer of post-scores sees the latest window of each post.
        Map<Long, WindowResult> latest = new HashMap<>();
        try (KafkaConsumer<String, WindowResult> consumer = PostScoresConsumer.open(pipeline.kafkaBootstrapServers())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                PostScoresConsumer.poll(consumer, latest);
                return latest.size() == 2 && latest.get(postA).window().start() == start(window2);
            });
        }
        assertThat(latest.get(postA).state().score()).isCloseTo(score2, within());
        assertThat(latest.get(postB).window().start()).isEqualTo(start(window1));

        // The records the services really wrote conform to the published JSON Schemas.
        List<String> events = TopicReader.values(pipeline.kafkaBootstrapServers(), Topics.RATINGS);
        List<String> results = TopicReader.values(pipeline.kafkaBootstrapServers(), Topics.POST_RATING_WINDOWS);
        assertThat(events).hasSize(accepted.size() + 1);
        assertThat(results).hasSize(3);
        events.forEach(json -> assertThat(ContractSchemas.violations(ContractSchemas.RATING_EVENT, json))
                .as(json)
                .isEmpty());
        results.forEach(json -> assertThat(ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, json))
                .as(json)
                .isEmpty());
    }

    /** Waits until the post shows the result of the given window, no later than the bound of the spec. */
    private static JsonNode awaitScore(long postId, long window) {
        Instant deadline = Instant.ofEpochMilli(start(window)).plus(CLOSE_BOUND);
        Duration wait = Duration.between(Instant.now(), deadline);
        return await().atMost(wait.isNegative() ? Duration.ofSeconds(1) : wait)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> pipeline.api().post(postId, null),
                        post -> !post.get("scoreUpdatedAt").isNull()
                                && Instant.parse(post.get("scoreUpdatedAt").asString())
                                        .equals(Instant.ofEpochMilli(start(window) + WINDOW.toMillis())));
    }

    /** averageRating is the score as of now: T + (S − T)·δ^n with n the whole windows since the end. */
    private static void assertShownScore(long postId, JsonNode seen, double target, double score, long window) {
        long before = System.currentTimeMillis();
        JsonNode post = pipeline.api().post(postId, null);
        long after = System.currentTimeMillis();
        long end = start(window) + WINDOW.toMillis();
        long nMin = Math.max(0, Math.floorDiv(before - end, WINDOW.toMillis()));
        long nMax = Math.max(0, Math.floorDiv(after - end, WINDOW.toMillis()));
        double shown = post.get("averageRating").asDouble();
        List<Double> allowed = Stream.iterate(nMin, n -> n <= nMax, n -> n + 1)
                .map(n -> target + (score - target) * Math.pow(DECAY, n))
                .toList();
        assertThat(allowed).anySatisfy(value -> assertThat(shown).isCloseTo(value, within()));
        assertThat(seen.get("ratingCount").asLong())
                .isEqualTo(post.get("ratingCount").asLong());
    }

    private static void awaitStartOfAWindow() {
        long size = WINDOW.toMillis();
        await().atMost(WINDOW.multipliedBy(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    long intoWindow = System.currentTimeMillis() % size;
                    return intoWindow > 50 && intoWindow < size / 3;
                });
    }

    private static long windowIndex(Instant instant) {
        return Math.floorDiv(instant.toEpochMilli(), WINDOW.toMillis());
    }

    private static long start(long window) {
        return window * WINDOW.toMillis();
    }

    private static List<Long> windowStarts(JsonNode windows) {
        List<Long> starts = new ArrayList<>();
        windows.get("items")
                .forEach(item -> starts.add(
                        Instant.parse(item.get("windowStart").asString()).toEpochMilli()));
        return starts;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
