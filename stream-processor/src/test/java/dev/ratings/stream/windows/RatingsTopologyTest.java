package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenAssertions;
import dev.ratings.stream.golden.GoldenCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RatingsTopologyTest {

    static final List<String> GOLDEN_CASES = GoldenCase.NAMES;

    private static final long W = 300_000;
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final long T0 = TopologyHarness.T0;
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    @TempDir
    Path stateDir;

    private TopologyHarness topology;
    private TopologyHarness.CountingMetrics metrics;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, WindowResult> windows;
    private TestOutputTopic<String, WindowResult> scores;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestInputTopic<byte[], byte[]> ratings;

    @AfterEach
    void closeDriver() {
        if (topology != null) {
            topology.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN_CASES")
    void reproducesTheIndependentModelThroughTheTopology(String name) {
        GoldenCase golden = GoldenCase.load(name);
        start(golden.parameters(), 1);
        long lastTs = 0;
        for (GoldenCase.Event event : golden.events()) {
            rate(event.postId(), event.userId(), event.rating(), event.ts());
            lastTs = event.ts();
        }
        heartbeat(lastTs + 2 * golden.parameters().windowSizeMs() + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        GoldenAssertions.assertMatches(
                golden, results.stream().map(GoldenCase::numbers).toList());
        assertThat(scores.readValuesToList()).containsExactlyElementsOf(results);
        TopologyHarness.assertConformToTheSchema(results);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("GOLDEN_CASES")
    void repeatedEventsAreDroppedAndTheResultsStayTheIndependentModels(String name) {
        GoldenCase golden = GoldenCase.load(name);
        start(golden.parameters(), 1);

        int repeats = topology.publishWithRepeats(golden.events(), 3);
        heartbeat(golden.events().get(golden.events().size() - 1).ts()
                + 2 * golden.parameters().windowSizeMs()
                + GRACE.toMillis());

        GoldenAssertions.assertMatches(
                golden,
                windows.readValuesToList().stream().map(GoldenCase::numbers).toList());
        assertThat(metrics.duplicates).hasValue(repeats);
    }

    @Test
    void theSameEventTwiceInAWindowCountsOnce() {
        start(ScoreParameters.DEFAULTS, 1);
        RatingEvent alice = topology.rate(7, "alice", 1, T0 + 10);
        topology.rate(7, "bob", 2, T0 + 20);
        topology.publish(alice);
        heartbeat(T0 + W + GRACE.toMillis());

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingsInWindow()).as("N_t").isEqualTo(2);
        assertThat(result.counts().ratingCount()).isEqualTo(2);
        assertThat(result.counts().ratingSum()).isEqualTo(1 + 2);
        assertThat(metrics.duplicates).hasValue(1);
    }

    @Test
    void anEarlierEventRepeatedAfterAReRatingDoesNotTakeItsPlace() {
        start(ScoreParameters.DEFAULTS, 1);
        RatingEvent first = topology.rate(7, "alice", 1, T0 + 10);
        topology.rate(7, "alice", 5, T0 + 20); // a re-rating: a new id
        topology.publish(first);
        heartbeat(T0 + W + GRACE.toMillis());

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingsInWindow()).isEqualTo(2);
        assertThat(result.counts().ratingCount()).isEqualTo(1);
        assertThat(result.counts().ratingSum()).isEqualTo(5);
        assertThat(metrics.duplicates).hasValue(1);
    }

    @Test
    void anEventRepeatedAfterItsWindowClosedIsDroppedNotCountedAsALateReRating() {
        start(ScoreParameters.DEFAULTS, 1);
        RatingEvent alice = topology.rate(7, "alice", 1, T0 + 10);
        heartbeat(T0 + W + GRACE.toMillis()); // closes [T0, T0+W)
        topology.publish(alice); // late: it would go to the earliest open window
        topology.rate(7, "bob", 4, T0 + W + 20);
        heartbeat(T0 + 2 * W + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + W);
        WindowResult second = results.get(1);
        assertThat(second.counts().ratingsInWindow()).as("N_t").isEqualTo(1);
        assertThat(second.counts().newRaters()).isEqualTo(1);
        assertThat(second.counts().ratingSum()).isEqualTo(1 + 4);
        assertThat(second.state().baseline())
                .as("b = (1 - λ)·0.2 + λ·N_t with N_t = 1")
                .isCloseTo(0.8 * 0.2 + 0.2 * 1, within());
        assertThat(metrics.duplicates).hasValue(1);
        assertThat(metrics.lateRatings).hasValue(1);
    }

    @Test
    void aRepeatAloneOpensNoWindow() {
        start(ScoreParameters.DEFAULTS, 1);
        RatingEvent alice = topology.rate(7, "alice", 1, T0 + 10);
        heartbeat(T0 + W + GRACE.toMillis());
        topology.publish(alice);
        heartbeat(T0 + 3 * W + GRACE.toMillis());

        assertThat(windows.readValuesToList())
                .extracting(r -> r.window().start())
                .containsExactly(T0);
        assertThat(metrics.duplicates).hasValue(1);
    }

    @Test
    void reRatingInSameWindowReplacesEarlierRatingButCountsAsEvent() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(7, "alice", 1, T0 + 10);
        rate(7, "alice", 5, T0 + 20);
        rate(7, "bob", 2, T0 + 30);
        heartbeat(T0 + W + GRACE.toMillis());

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingsInWindow()).isEqualTo(3);
        assertThat(result.counts().newRaters()).isEqualTo(2);
        assertThat(result.counts().ratingCount()).isEqualTo(2);
        assertThat(result.counts().ratingSum()).isEqualTo(5 + 2);
    }

    @Test
    void reRatingInLaterWindowReplacesEarlierRating() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(2, "a", 5, T0);
        rate(2, "b", 5, T0 + 5);
        rate(2, "a", 0, T0 + W + 7);
        heartbeat(T0 + 2 * W + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).hasSize(2);
        WindowResult second = results.get(1);
        assertThat(second.window().start()).isEqualTo(T0 + W);
        assertThat(second.counts().newRaters()).isZero();
        assertThat(second.counts().ratingCount()).isEqualTo(2);
        assertThat(second.counts().ratingSum()).isEqualTo(0 + 5);
    }

    @Test
    void windowClosesOnHeartbeatAtEndPlusGraceWithoutFurtherRatings() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + 1_000);

        heartbeat(T0 + W + GRACE.toMillis() - 1);
        assertThat(windows.isEmpty()).as("still within grace").isTrue();

        heartbeat(T0 + W + GRACE.toMillis());
        WindowResult result = single(windows.readValuesToList());
        assertThat(result.window().start()).isEqualTo(T0);
        assertThat(result.window().end()).isEqualTo(T0 + W);
        assertThat(metrics.windowsClosed).hasValue(1);
    }

    @Test
    void ratingAtWindowEndBelongsToTheNextWindow() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + W - 1);
        rate(1, "u2", 2, T0 + W);
        heartbeat(T0 + 2 * W + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + W);
        assertThat(results).extracting(r -> r.counts().ratingsInWindow()).containsExactly(1L, 1L);
    }

    @Test
    void ratingWithinGraceStillCountsInItsOwnWindow() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + 1_000);
        rate(1, "u2", 3, T0 + W + 5_000); // moves stream time past the window end, not past grace
        rate(1, "u3", 1, T0 + W - 1); // out of order, but its window is still open
        heartbeat(T0 + W + GRACE.toMillis());

        WindowResult first = windows.readValuesToList().get(0);
        assertThat(first.window().start()).isEqualTo(T0);
        assertThat(first.counts().ratingsInWindow()).isEqualTo(2);
        assertThat(metrics.lateRatings).hasValue(0);
    }

    @Test
    void lateRatingIsCountedInTheEarliestOpenWindowAndInTheMetric() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + 1_000);
        heartbeat(T0 + W + GRACE.toMillis()); // closes [T0, T0+W)
        rate(1, "late", 0, T0 + 2_000); // its window is closed

        heartbeat(T0 + 2 * W + GRACE.toMillis());
        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + W);
        WindowResult second = results.get(1);
        assertThat(second.counts().ratingsInWindow()).isEqualTo(1);
        assertThat(second.counts().ratingCount()).isEqualTo(2);
        assertThat(second.counts().ratingSum()).isEqualTo(4 + 0);
        assertThat(metrics.lateRatings).hasValue(1);
    }

    @Test
    void postsInterleavedInOneWindowEachGetExactlyOneResult() {
        start(ScoreParameters.DEFAULTS, 1);
        for (int i = 0; i < 30; i++) {
            rate(100 + i % 3, "user" + i, i % 6, T0 + i);
        }
        rate(101, "user1", 0, T0 + 50);
        heartbeat(T0 + W + GRACE.toMillis());
        heartbeat(T0 + 5 * W); // later heartbeats emit nothing more

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).extracting(WindowResult::postId).containsExactly(100L, 101L, 102L);
        assertThat(results).extracting(r -> r.counts().ratingsInWindow()).containsExactly(10L, 11L, 10L);
        assertThat(results).extracting(r -> r.counts().ratingCount()).containsExactly(10L, 10L, 10L);
    }

    @Test
    void silentWindowsProduceNoResultsAndTheNextActiveWindowCarriesTheScoreOver() {
        ScoreParameters parameters = ScoreParameters.DEFAULTS;
        start(parameters, 1);
        rate(3, "a", 4, T0);
        rate(3, "b", 2, T0 + 10 * W + 1);
        heartbeat(T0 + 11 * W + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results).extracting(r -> r.window().start()).containsExactly(T0, T0 + 10 * W);
        WindowResult first = results.get(0);
        WindowResult second = results.get(1);
        double delta = parameters.decayFactor();
        double carried =
                first.state().target() + (first.state().score() - first.state().target()) * Math.pow(delta, 9);
        assertThat(second.state().score())
                .isCloseTo(second.state().target() + (carried - second.state().target()) * delta, within());
        double carriedBaseline = first.state().baseline() * Math.pow(1 - parameters.baselineSmoothing(), 9);
        assertThat(second.state().baseline())
                .isCloseTo(
                        (1 - parameters.baselineSmoothing()) * carriedBaseline + parameters.baselineSmoothing(),
                        within());
    }

    @Test
    void aWindowOfManyPostsClosesEachPostOnceUnderCacheEvictions() {
        Properties tinyCache = new Properties();
        tinyCache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 4 * 1024);
        start(ScoreParameters.DEFAULTS, 1, ScorePublication.publishing(), tinyCache);
        int posts = 200;
        for (int post = 1; post <= posts; post++) {
            rate(post, "u" + post % 7, post % 6, T0 + post);
            rate(post, "v", (post + 1) % 6, T0 + W - post);
        }
        heartbeat(T0 + W + GRACE.toMillis());

        List<WindowResult> results = windows.readValuesToList();
        assertThat(results)
                .extracting(WindowResult::postId)
                .doesNotHaveDuplicates()
                .hasSize(posts);
        assertThat(results)
                .allSatisfy(result -> assertThat(result.counts().ratingCount()).isEqualTo(2));
        rate(1, "late", 3, T0 + 2 * W);
        heartbeat(T0 + 2 * W + W + GRACE.toMillis());
        assertThat(windows.readValuesToList()).extracting(WindowResult::postId).containsExactly(1L);
    }

    @Test
    void heartbeatsAreNeverCounted() {
        start(ScoreParameters.DEFAULTS, 1);
        heartbeat(T0 + 1);
        rate(1, "u1", 3, T0 + 2);
        heartbeat(T0 + 3);
        heartbeat(T0 + W + GRACE.toMillis());

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingsInWindow()).isEqualTo(1);
        assertThat(result.counts().ratingCount()).isEqualTo(1);
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndProcessingContinues() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 3, T0 + 1);
        ratings.pipeInput(new TestRecord<>(key(1), "{not json".getBytes(StandardCharsets.UTF_8), null, T0 + 2));
        ratings.pipeInput(new TestRecord<>(
                key(1),
                "{\"postId\":1,\"userId\":\"u9\",\"rating\":9}".getBytes(StandardCharsets.UTF_8),
                null,
                T0 + 3));
        rate(1, "u2", 5, T0 + 4);
        heartbeat(T0 + W + GRACE.toMillis());

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.get(0).headers().lastHeader(RatingRecordParser.EXCEPTION_MESSAGE))
                .isNotNull();
        assertThat(dead.get(0)
                        .headers()
                        .lastHeader(RatingRecordParser.ORIGINAL_TOPIC)
                        .value())
                .isEqualTo(Topics.RATINGS.getBytes(StandardCharsets.UTF_8));
        assertThat(metrics.deadLettered).hasValue(2);
        assertThat(metrics.ratingsRead).hasValue(2);
        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingCount()).isEqualTo(2);
        assertThat(result.counts().ratingSum()).isEqualTo(3 + 5);
    }

    @Test
    void ratingWhoseKeyIsNotItsPostIdGoesToTheDeadLetterTopic() {
        start(ScoreParameters.DEFAULTS, 1);
        RatingEvent event = new RatingEvent(UUID.randomUUID(), 1, "u1", 3, T0 + 1);
        ratings.pipeInput(new TestRecord<>(key(2), EVENTS.serialize(null, event), null, T0 + 1));
        heartbeat(T0 + W + GRACE.toMillis());

        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        assertThat(windows.isEmpty()).isTrue();
    }

    @Test
    void resultsCarryTheGenerationAndTheParametersUsed() {
        ScoreParameters parameters = new ScoreParameters(ScoreAlgorithm.DECAY_V1, 60_000, 0.3, 3, 2, 4, 5, 0.1, null);
        start(parameters, 7);
        rate(1, "u1", 3, T0 + 1);
        heartbeat(T0 + 60_000 + GRACE.toMillis());

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.generation()).isEqualTo(7);
        assertThat(result.parameters().algorithm().id()).isEqualTo("decay-v1");
        assertThat(result.parameters()).isEqualTo(parameters);
        assertThat(result.window().end() - result.window().start()).isEqualTo(60_000);
    }

    private void start(ScoreParameters parameters, long generation) {
        start(parameters, generation, ScorePublication.publishing());
    }

    private void start(ScoreParameters parameters, long generation, ScorePublication publication) {
        start(parameters, generation, publication, new Properties());
    }

    private void start(
            ScoreParameters parameters, long generation, ScorePublication publication, Properties overrides) {
        topology = new TopologyHarness(
                new TopologySettings(parameters, GRACE, generation, 1),
                StreamTimeObserver.NONE,
                publication,
                stateDir,
                overrides);
        metrics = topology.metrics;
        driver = topology.driver;
        ratings = topology.ratings;
        windows = topology.windows;
        scores = topology.scores;
        deadLetters = topology.deadLetters;
    }

    @Test
    void aGenerationBeingBuiltWritesNoScoresUntilItBecomesCurrentThenASnapshotOfEveryPost() {
        ScorePublication publication = ScorePublication.silent();
        start(ScoreParameters.DEFAULTS, 2, publication);
        rate(1, "u1", 4, T0 + 1);
        rate(2, "u2", 2, T0 + 2);
        heartbeat(T0 + W + GRACE.toMillis());
        rate(1, "u1", 1, T0 + W + 1);
        heartbeat(T0 + 2 * W + GRACE.toMillis());
        assertThat(windows.readValuesToList()).hasSize(3);
        assertThat(scores.isEmpty()).isTrue();

        publication.startPublishing();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(scores.isEmpty())
                .as("no snapshot while the generation it replaces may still publish")
                .isTrue();
        publication.allowSnapshot();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<WindowResult> snapshot = scores.readValuesToList();
        assertThat(snapshot).extracting(WindowResult::postId).containsExactlyInAnyOrder(1L, 2L);
        assertThat(snapshot)
                .filteredOn(result -> result.postId() == 1)
                .extracting(r -> r.window().start())
                .containsExactly(T0 + W);

        rate(2, "u3", 5, T0 + 2 * W + 1);
        heartbeat(T0 + 3 * W + GRACE.toMillis());
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(windows.readValuesToList()).hasSize(1);
        assertThat(scores.readValuesToList())
                .as("the snapshot is written once")
                .extracting(WindowResult::postId)
                .containsExactly(2L);
    }

    @Test
    void aGenerationCurrentFromTheStartWritesItsSnapshotOnceItsTaskStarts() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + 1);
        heartbeat(T0 + W + GRACE.toMillis());
        assertThat(scores.readValuesToList()).hasSize(1);

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(scores.readValuesToList())
                .as("one snapshot of the one post, then nothing more")
                .hasSize(1);
        assertThat(driver.<String, Long>getKeyValueStore(StateStores.SCORE_SNAPSHOTS)
                        .get(ScoreSnapshot.DONE))
                .isNotNull();
    }

    @Test
    void recordsAtOrBeforeTheLastAppliedOffsetAreSkippedAndCounted() {
        start(ScoreParameters.DEFAULTS, 1);
        rate(1, "u1", 4, T0 + 1);
        rate(1, "u2", 2, T0 + 2);
        // as if offsets 2 to 5 had been applied before the consumer offsets were lost
        driver.<Integer, Long>getKeyValueStore(StateStores.APPLIED_OFFSETS).put(0, 5L);

        for (int offset = 2; offset <= 5; offset++) {
            rate(1, "again" + offset, 5, T0 + 3);
        }
        rate(1, "u3", 3, T0 + 6); // offset 6: applied
        heartbeat(T0 + W + GRACE.toMillis()); // offset 7: closes the window

        WindowResult result = single(windows.readValuesToList());
        assertThat(result.counts().ratingsInWindow()).isEqualTo(3);
        assertThat(result.counts().ratingSum()).isEqualTo(4 + 2 + 3);
        assertThat(metrics.alreadyApplied.get()).isEqualTo(4);
    }

    private void rate(long postId, String userId, int rating, long timestamp) {
        topology.rate(postId, userId, rating, timestamp);
    }

    private void heartbeat(long timestamp) {
        topology.heartbeat(timestamp);
    }

    private static byte[] key(long postId) {
        return TopologyHarness.key(postId);
    }

    private static WindowResult single(List<WindowResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
