package dev.ratings.stream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.ScoreApplications;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.streams.RatingsLog.Rating;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live generation's committed offsets lost or moved while the stream processor is down: on
 * restart it reads {@code ratings} again on top of state that holds those records. It must skip
 * them (and say so), not die, and end with the windows an uninterrupted run gives. Each test uses
 * its own generation numbers on one broker and one history.
 */
class OffsetResetIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<Rating> HISTORY = RatingsLog.history(16, 11);

    private static final long LIVE = 1;
    private static final long REFERENCE = 2;

    @TempDir
    Path stateDirs;

    private RatingsLog log;
    private Admin admin;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void produceTheFirstHalf() {
        log = new RatingsLog();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, log.bootstrapServers()));
        log.produce(HISTORY.subList(0, HISTORY.size() / 2));
    }

    @AfterEach
    void noThreadDied() {
        admin.close();
        log.close();
        assertThat(registry.find("ratings.streams.thread.failures").counters())
                .isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void aDeletedConsumerGroupIsReadAgainWithoutCountingAnythingTwice() throws Exception {
        assertRecoversFromAResetWhileStopped(() ->
                admin.deleteConsumerGroups(Set.of(applicationId(LIVE))).all().get());
    }

    @Test
    void offsetsMovedBackToTheStartAreReadAgainWithoutCountingAnythingTwice() throws Exception {
        assertRecoversFromAResetWhileStopped(
                () -> admin.alterConsumerGroupOffsets(applicationId(LIVE), offsets(OffsetSpec.earliest()))
                        .all()
                        .get());
    }

    @Test
    void offsetsMovedPastUnreadRecordsAreCountedAsAGapAndProcessingGoesOn() throws Exception {
        long generation = LIVE;
        ScoreStreams live = runThroughTheFirstHalf(generation);
        live.close();
        Map<TopicPartition, OffsetAndMetadata> before = committed(generation);
        // records the stopped generation never read, then the offsets moved to the end
        List<Rating> unread = RatingsLog.history(2, 99).stream()
                .map(r -> new Rating(
                        r.postId(),
                        r.userId(),
                        r.rating(),
                        HISTORY.get(HISTORY.size() / 2 - 1).timestamp()))
                .toList();
        log.produce(unread);
        Map<TopicPartition, OffsetAndMetadata> latest = offsets(OffsetSpec.latest());
        admin.alterConsumerGroupOffsets(applicationId(generation), latest).all().get();
        long skipped = latest.entrySet().stream()
                .mapToLong(end ->
                        end.getValue().offset() - before.get(end.getKey()).offset())
                .sum();

        ScoreStreams restarted = log.instance(generation, stateDirs.resolve("live"), 0, registry);
        log.closeEveryWindow(HISTORY);

        await().atMost(PATIENCE).until(() -> counter("ratings.input.gap") >= skipped);
        assertThat(counter("ratings.input.gap")).isEqualTo(skipped);
        assertThat(restarted.state()).isEqualTo(KafkaStreams.State.RUNNING);
        restarted.close();
    }

    /** Starts a generation on the first half of the history and waits until it has committed all of it. */
    private ScoreStreams runThroughTheFirstHalf(long generation) throws Exception {
        ScoreStreams live = log.instance(generation, stateDirs.resolve("live"), 0, registry);
        Map<TopicPartition, OffsetAndMetadata> end = offsets(OffsetSpec.latest());
        await().atMost(PATIENCE).until(() -> committed(generation).equals(end));
        assertThat(log.results(generation))
                .as("some windows closed before the stop")
                .isNotEmpty();
        return live;
    }

    /** A reset of the live generation's offsets while it is stopped. */
    private interface Reset {
        void apply() throws Exception;
    }

    private void assertRecoversFromAResetWhileStopped(Reset reset) throws Exception {
        long generation = LIVE;
        runThroughTheFirstHalf(generation).close();
        reset.apply();
        ScoreStreams restarted = log.instance(generation, stateDirs.resolve("live"), 0, registry);
        await().atMost(PATIENCE).until(() -> counter("ratings.input.skipped") > 0);
        long reference = REFERENCE;
        ScoreStreams uninterrupted =
                log.instance(reference, stateDirs.resolve("reference"), 0, new SimpleMeterRegistry());
        List<Rating> secondHalf = HISTORY.subList(HISTORY.size() / 2, HISTORY.size());
        log.produce(secondHalf);
        log.closeEveryWindow(HISTORY);
        Map<TopicPartition, OffsetAndMetadata> end = offsets(OffsetSpec.latest());
        await().atMost(PATIENCE)
                .until(() -> committed(generation).equals(end)
                        && committed(reference).equals(end));

        List<WindowResult> recovered = log.results(generation);
        List<WindowResult> expected = log.results(reference).stream()
                .map(result -> RatingsLog.asGeneration(result, generation))
                .toList();
        assertThat(restarted.state()).isEqualTo(KafkaStreams.State.RUNNING);
        restarted.close();
        uninterrupted.close();

        assertThat(recovered).as("no window twice").hasSameSizeAs(expected);
        assertThat(byWindow(recovered)).isEqualTo(byWindow(expected));
    }

    private double counter(String name) {
        return registry.find(name).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static String applicationId(long generation) {
        return ScoreApplications.applicationId(ScoreApplications.DEFAULT_PREFIX, generation);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(long generation) throws Exception {
        return admin
                .listConsumerGroupOffsets(applicationId(generation))
                .partitionsToOffsetAndMetadata()
                .get()
                .entrySet()
                .stream()
                .filter(entry -> entry.getKey().topic().equals(Topics.RATINGS) && entry.getValue() != null)
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> new OffsetAndMetadata(entry.getValue().offset())));
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, RatingsLog.PARTITIONS)
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.RATINGS, p), p -> spec));
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> new OffsetAndMetadata(entry.getValue().offset())));
    }

    private static Map<String, WindowResult> byWindow(List<WindowResult> results) {
        return results.stream()
                .collect(Collectors.toMap(
                        result -> result.postId() + "@" + result.window().start(), Function.identity()));
    }
}
