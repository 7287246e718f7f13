package dev.ratings.stream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.streams.RatingsLog.Rating;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one generation's application on a real broker, joining and leaving while the
 * history streams in, against one instance reading the same log at once: exactly-once processing
 * with state restored from changelogs (or a standby) must close every window once, none twice,
 * with the same numbers.
 */
class RebalanceIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static RatingsLog log;

    @TempDir
    Path stateDirs;

    @BeforeAll
    static void startBroker() {
        log = new RatingsLog();
    }

    @AfterAll
    static void stopBroker() {
        log.close();
    }

    @Test
    void instancesLeavingAndJoiningMidStreamNeitherCloseAWindowTwiceNorSkipOne() {
        List<Rating> history = RatingsLog.history(24, 7);
        int third = history.size() / 3;
        long windows = activeWindows(history);

        ScoreStreams a = log.instance(1, stateDirs.resolve("a"), 1, new SimpleMeterRegistry());
        ScoreStreams b = log.instance(1, stateDirs.resolve("b"), 1, new SimpleMeterRegistry());
        awaitRunning(a, b);
        log.produce(history.subList(0, third));
        await().atMost(PATIENCE).until(() -> !log.results(1).isEmpty());

        b.close(); // leaves mid-stream: its tasks move to a
        log.produce(history.subList(third, 2 * third));
        int beforeRejoin = log.results(1).size();
        await().atMost(PATIENCE).until(() -> log.results(1).size() > beforeRejoin);

        b = log.instance(1, stateDirs.resolve("b"), 1, new SimpleMeterRegistry()); // comes back: tasks move again
        awaitRunning(a, b);
        log.produce(history.subList(2 * third, history.size()));
        a.close(); // and the other leaves while the last third is read
        log.closeEveryWindow(history);
        await().atMost(PATIENCE).until(() -> log.results(1).size() >= windows);

        ScoreStreams reference = log.instance(2, stateDirs.resolve("reference"), 0, new SimpleMeterRegistry());
        await().atMost(PATIENCE).until(() -> log.results(2).size() >= windows);
        List<WindowResult> moved = log.results(1);
        List<WindowResult> alone = log.results(2);
        b.close();
        reference.close();

        assertThat(moved).as("every active window once").hasSize((int) windows);
        assertThat(byWindow(moved))
                .isEqualTo(byWindow(alone.stream()
                        .map(result -> RatingsLog.asGeneration(result, 1))
                        .toList()));
    }

    /** (post, window) pairs that hold a rating: each closes into exactly one result. */
    private static long activeWindows(List<Rating> history) {
        long size = RatingsLog.PARAMETERS.windowSizeMs();
        return history.stream()
                .map(rating -> rating.postId() + "@" + Math.floorDiv(rating.timestamp(), size))
                .distinct()
                .count();
    }

    private static Map<String, WindowResult> byWindow(List<WindowResult> results) {
        return results.stream()
                .collect(Collectors.toMap(
                        result -> result.postId() + "@" + result.window().start(), Function.identity()));
    }

    private static void awaitRunning(ScoreStreams... instances) {
        await().atMost(PATIENCE)
                .until(() -> List.of(instances).stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING));
    }
}
