package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenAssertions;
import dev.ratings.stream.golden.GoldenCase;
import dev.ratings.stream.score.RaterHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * decay-v2's topology (the user stage between two repartitions) in the test driver: the golden
 * vectors through it, and the same results whatever the interleaving and the number of the
 * partitions before the user stage, which the tests play by writing to its repartition topic.
 */
class TrustTopologyTest {

    static final List<String> GOLDEN_CASES = GoldenCase.V2_NAMES;

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final long T0 = TopologyHarness.T0;
    private static final ScoreParameters V2 = ScoreParameters.DECAY_V2_DEFAULTS;
    private static final long W = V2.windowSizeMs();

    @TempDir
    Path stateDir;

    private final List<TopologyHarness> harnesses = new ArrayList<>();

    @AfterEach
    void closeDrivers() {
        harnesses.forEach(TopologyHarness::close);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN_CASES")
    void reproducesTheIndependentModelThroughTheTopology(String name) {
        GoldenCase golden = GoldenCase.loadV2(name);
        TopologyHarness topology = start(golden.parameters());
        long lastTs = 0;
        for (GoldenCase.Event event : golden.events()) {
            topology.rate(event.postId(), event.userId(), event.rating(), event.ts());
            lastTs = event.ts();
        }
        topology.heartbeat(lastTs + 2 * golden.parameters().windowSizeMs() + GRACE.toMillis());

        List<WindowResult> results = topology.windows.readValuesToList();
        GoldenAssertions.assertMatches(
                golden, results.stream().map(GoldenCase::numbers).toList());
        assertThat(results).allSatisfy(result -> assertThat(result.parameters()).isEqualTo(golden.parameters()));
        TopologyHarness.assertConformToTheSchema(results);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN_CASES")
    void repeatedEventsAreDroppedAndTheResultsStayTheIndependentModels(String name) {
        GoldenCase golden = GoldenCase.loadV2(name);
        TopologyHarness topology = start(golden.parameters());

        int repeats = topology.publishWithRepeats(golden.events(), 3);
        topology.heartbeat(golden.events().get(golden.events().size() - 1).ts()
                + 2 * golden.parameters().windowSizeMs()
                + GRACE.toMillis());

        GoldenAssertions.assertMatches(
                golden,
                topology.windows.readValuesToList().stream()
                        .map(GoldenCase::numbers)
                        .toList());
        assertThat(topology.metrics.duplicates).hasValue(repeats);
    }

    @Test
    void anEventRepeatedLateWhileTheDecayStageStillHoldsItsWindowCountsOnce() {
        TopologyHarness topology = start(V2);
        TestInputTopic<String, Windowed> byUser = topology.byUser();
        UUID id = UUID.randomUUID();
        // partition 0 closes [T0, T0+W) and places the repeat in the next window; partition 1 has not
        // closed it yet, so the decay stage still holds the original in its open window
        byUser.pipeInput("u1", new Windowed.Rating(1, "u1", 4, T0, null, id, false), T0 + 1);
        byUser.pipeInput(Multicast.WATERMARK_USER, new Windowed.Watermark(0, 2, T0 + W + GRACE.toMillis()), T0 + W);
        byUser.pipeInput("u1", new Windowed.Rating(1, "u1", 4, T0 + W, null, id, true), T0 + 1);
        byUser.pipeInput("u2", new Windowed.Rating(1, "u2", 2, T0 + W, null, UUID.randomUUID(), false), T0 + W + 1);
        long end = T0 + 2 * W + GRACE.toMillis();
        byUser.pipeInput(Multicast.WATERMARK_USER, new Windowed.Watermark(0, 2, end), end);
        byUser.pipeInput(Multicast.WATERMARK_USER, new Windowed.Watermark(1, 2, end), end);

        List<WindowResult> results = topology.windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + W);
        assertThat(results.get(1).counts().ratingsInWindow()).as("N_t").isEqualTo(1);
        assertThat(results.get(1).counts().ratingSum()).isEqualTo(4 + 2);
        assertThat(topology.metrics.duplicates).hasValue(1);
    }

    @Test
    void aRepeatedEventLeavesTheRatersHistoryAsTheOriginalAlone() {
        TopologyHarness once = start(V2);
        TopologyHarness twice = start(V2);
        for (TopologyHarness topology : List.of(once, twice)) {
            RatingEvent first = topology.rate(1, "u1", 4, T0 + 1_000);
            topology.heartbeat(T0 + W + GRACE.toMillis());
            if (topology == twice) {
                topology.publish(first); // late
            }
            topology.rate(2, "u1", 3, T0 + W + 1_000);
            topology.heartbeat(T0 + 3 * W + GRACE.toMillis());
        }

        KeyValueStore<String, RaterHistory> histories = twice.driver.getKeyValueStore(StateStores.RATER_HISTORIES);
        assertThat(histories.get("u1"))
                .isEqualTo(once.driver
                        .<String, RaterHistory>getKeyValueStore(StateStores.RATER_HISTORIES)
                        .get("u1"));
        assertThat(twice.windows.readValuesToList()).isEqualTo(once.windows.readValuesToList());
        assertThat(twice.metrics.duplicates).hasValue(1);
    }

    @Test
    void theResultDoesNotDependOnHowThePartitionsBeforeTheUserStageInterleave() {
        for (String name : List.of("many-posts", "graduate-and-rerate")) {
            GoldenCase golden = GoldenCase.loadV2(name);
            List<List<TestRecord<String, Windowed>>> sent = SourcePartitions.of(golden, 3, GRACE);

            List<WindowResult> one = throughUserStage(golden, SourcePartitions.interleave(sent, new Random(1)));
            List<WindowResult> other = throughUserStage(golden, SourcePartitions.interleave(sent, new Random(2)));

            assertThat(other).as(name).isEqualTo(one);
            GoldenAssertions.assertMatches(
                    golden, one.stream().map(GoldenCase::numbers).toList());
        }
    }

    @Test
    void theResultDoesNotDependOnHowManyPartitionsComeBeforeTheUserStage() {
        GoldenCase golden = GoldenCase.loadV2("many-posts");

        List<WindowResult> fromOne = throughUserStage(
                golden, SourcePartitions.interleave(SourcePartitions.of(golden, 1, GRACE), new Random(3)));
        List<WindowResult> fromFive = throughUserStage(
                golden, SourcePartitions.interleave(SourcePartitions.of(golden, 5, GRACE), new Random(3)));

        assertThat(fromFive).isEqualTo(fromOne);
    }

    @Test
    void aWindowWaitsForTheWatermarkOfEveryPartitionBeforeTheUserStage() {
        GoldenCase golden = GoldenCase.loadV2("drip");
        List<List<TestRecord<String, Windowed>>> sent = SourcePartitions.of(golden, 3, GRACE);
        List<TestRecord<String, Windowed>> lastOfTheSlowest =
                sent.get(2).subList(sent.get(2).size() - 1, sent.get(2).size());
        List<List<TestRecord<String, Windowed>>> heldBack = List.of(
                sent.get(0), sent.get(1), sent.get(2).subList(0, sent.get(2).size() - 1));
        TopologyHarness topology = start(golden.parameters());
        TestInputTopic<String, Windowed> byUser = topology.byUser();

        byUser.pipeRecordList(SourcePartitions.interleave(heldBack, new Random(4)));
        int before = topology.windows.readValuesToList().size();
        byUser.pipeRecordList(lastOfTheSlowest);
        int after = topology.windows.readValuesToList().size();

        assertThat(before + after).isEqualTo(golden.expected().size());
        assertThat(after)
                .as("the windows the slowest partition had not closed yet")
                .isPositive();
    }

    @Test
    void aHeartbeatClosesAWindowThroughTheUserStage() {
        TopologyHarness topology = start(V2);
        topology.rate(1, "u1", 4, T0 + 1_000);

        topology.heartbeat(T0 + W + GRACE.toMillis() - 1);
        assertThat(topology.windows.isEmpty()).as("still within grace").isTrue();

        topology.heartbeat(T0 + W + GRACE.toMillis());
        WindowResult result = topology.windows.readValue();
        assertThat(result.window().start()).isEqualTo(T0);
        assertThat(result.pools().probationInWindow())
                .as("a fresh account is on probation")
                .isEqualTo(1);
        assertThat(result.pools().trustedInWindow()).isZero();
        assertThat(result.parameters().trust()).isEqualTo(V2.trust());
    }

    @Test
    void aLateRatingCountsInTheEarliestOpenWindowAndInTheMetric() {
        TopologyHarness topology = start(V2);
        topology.rate(1, "u1", 4, T0 + 1_000);
        topology.heartbeat(T0 + W + GRACE.toMillis());
        topology.rate(1, "late", 0, T0 + 2_000);

        topology.heartbeat(T0 + 2 * W + GRACE.toMillis());

        List<WindowResult> results = topology.windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + W);
        assertThat(results.get(1).counts().ratingCount()).isEqualTo(2);
        assertThat(topology.metrics.lateRatings).hasValue(1);
    }

    @Test
    void underDecayV2AnIdlePartitionIsAlwaysDueForItsNextWindowUnderDecayV1OnlyWithAnOpenWindow() {
        RecordingObserver v2 = new RecordingObserver();
        RecordingObserver v1 = new RecordingObserver();
        TopologyHarness trust = start(V2, v2);
        TopologyHarness plain = start(V2.withTrust(null), v1);

        trust.heartbeat(T0 + 17_000);
        plain.heartbeat(T0 + 17_000);

        assertThat(v2.nextCloseAt).isEqualTo(T0 + W + GRACE.toMillis());
        assertThat(v1.nextCloseAt).isEqualTo(Long.MAX_VALUE);
        plain.rate(1, "u1", 3, T0 + 18_000);
        assertThat(v1.nextCloseAt).isEqualTo(T0 + W + GRACE.toMillis());
    }

    private List<WindowResult> throughUserStage(GoldenCase golden, List<TestRecord<String, Windowed>> records) {
        TopologyHarness topology = start(golden.parameters());
        topology.byUser().pipeRecordList(records);
        return topology.windows.readValuesToList().stream()
                .sorted(Comparator.comparingLong(WindowResult::postId)
                        .thenComparingLong(result -> result.window().start()))
                .toList();
    }

    private TopologyHarness start(ScoreParameters parameters) {
        return start(parameters, StreamTimeObserver.NONE);
    }

    private TopologyHarness start(ScoreParameters parameters, StreamTimeObserver observer) {
        TopologyHarness harness = new TopologyHarness(
                new TopologySettings(parameters, GRACE, 1, 1),
                observer,
                ScorePublication.publishing(),
                stateDir.resolve("driver-" + harnesses.size()),
                new Properties());
        harnesses.add(harness);
        return harness;
    }

    private static final class RecordingObserver implements StreamTimeObserver {
        long nextCloseAt;

        @Override
        public void advanced(int partition, long streamTime, long nextCloseAt) {
            this.nextCloseAt = nextCloseAt;
        }

        @Override
        public void released(int partition) {}
    }
}
