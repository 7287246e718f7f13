package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static dev.ratings.sink.generations.StreamProcessorStandIn.event;
import static dev.ratings.sink.windows.StoredRows.SCORES;
import static dev.ratings.sink.windows.StoredRows.WINDOWS;
import static dev.ratings.sink.windows.WindowResults.result;
import static dev.ratings.sink.windows.WindowResults.withScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.RunningSink;
import dev.ratings.sink.windows.StoredRows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sink following {@code score-generations} and promoting replays, on an embedded KRaft broker
 * with a fresh PostgreSQL database. The test stands in for the stream processor: it writes the
 * events a stream processor writes ({@code CURRENT(1)} on an empty log, {@code BUILDING(n)} for a
 * replay), the window results, and the committed offsets of each generation's Kafka Streams group
 * on {@code ratings}. The log runs on from test to test; each starts from the generation the
 * previous ones left current.
 */
@TestPropertySource(properties = {"ratings.kafka.partitions=2", "ratings.sink.promotion.check-interval=PT0.2S"})
class GenerationSwitchSinkIT extends RunningSink {

    private static final String RESULTS_GROUP = "ratings-sink";

    @Autowired
    private GenerationFollower follower;

    private StreamProcessorStandIn processor;
    private GenerationStore store;

    @BeforeEach
    void startFromTheCurrentGeneration() {
        processor = new StreamProcessorStandIn(broker.getBrokersAsString());
        store = new GenerationStore(jdbc);
        awaitLogApplied();
        processor.ensureRatings();
        if (lifecycle().isEmpty()) {
            emit(event(1, CURRENT));
        }
        processor.catchUp(current());
    }

    @AfterEach
    void abandonAnUnfinishedReplay() {
        lifecycle().building().ifPresent(building -> emit(event(building.number(), RETIRED)));
        processor.close();
    }

    @Test
    void resultsOfAReplayThatHasNotCaughtUpAreKeptApartAndReadersStillSeeTheCurrentGeneration() {
        long current = current();
        List<Long> posts = newPostIds(2);
        produce(results(posts, current));

        long replay = startReplay();
        List<WindowResult> replayed = produce(halvedScores(results(posts, replay)));

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> states().get(replay).equals("building"));
        assertThat(states()).containsEntry(current, "current").containsEntry(replay, "building");
        assertThat(rowsOf(replay, WINDOWS)).isEqualTo(replayed);
        assertThat(visibleGenerations()).containsExactly(current);
    }

    @Test
    void theSinkPromotesAReplayOnceItHasCaughtUpAndItsResultsAreWritten() {
        long previous = current();
        List<Long> posts = newPostIds(2);
        List<WindowResult> live = produce(results(posts, previous));
        long replay = startReplay();
        produce(halvedScores(results(posts, replay)));
        List<StoredRows.Row> replayedWindows = rowsWithTimesOf(replay, WINDOWS);
        List<StoredRows.Row> replayedScores = rowsWithTimesOf(replay, SCORES);
        double switches = counter("ratings.sink.generations.switched");
        double promotions = counter("ratings.sink.generations.promotions");
        double windowsDeleted = deleted(WINDOWS);

        processor.catchUp(replay);
        await().atMost(PATIENCE).until(() -> current() == replay);

        assertThat(states()).containsEntry(previous, "retired").containsEntry(replay, "current");
        assertThat(rowsOf(previous, WINDOWS)).isEmpty();
        assertThat(rowsOf(previous, SCORES)).isEmpty();
        assertThat(rowsWithTimesOf(replay, WINDOWS)).isEqualTo(replayedWindows);
        assertThat(rowsWithTimesOf(replay, SCORES)).isEqualTo(replayedScores);
        assertThat(visibleGenerations()).containsExactly(replay);
        assertThat(counter("ratings.sink.generations.switched")).isEqualTo(switches + 1);
        assertThat(counter("ratings.sink.generations.promotions")).isEqualTo(promotions + 1);
        assertThat(deleted(WINDOWS)).isGreaterThanOrEqualTo(windowsDeleted + live.size());
        assertThat(processor.logged(replay, CURRENT))
                .as("promoted exactly once")
                .hasSize(1);
        assertThat(processor.logged(previous, RETIRED)).hasSize(1);
    }

    @Test
    void aReplayIsPromotedOnlyOnceItsGroupHasReadItsRepartitionTopicsToo() {
        long replay = startReplay();
        String repartition = processor.repartitionWithAnUnreadRecord(replay);

        processor.catchUp(replay);

        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .alias("results still on their way through a later stage")
                .until(() -> current() != replay);
        processor.catchUp(replay, repartition);
        await().atMost(PATIENCE).until(() -> current() == replay);
    }

    @Test
    void theListingShowsEachGenerationWithItsStateParametersAndRows() throws Exception {
        long previous = current();
        List<Long> posts = newPostIds(3);
        long replay = startReplay();
        List<WindowResult> replayed = produce(results(posts, replay));
        processor.catchUp(replay);
        await().atMost(PATIENCE).until(() -> current() == replay);

        JsonNode report = JsonMapper.shared().readTree(get("/admin/generations"));

        assertThat(report.get("current").asLong()).isEqualTo(replay);
        assertThat(report.get("log").get("nextOffset").asLong()).isPositive();
        Map<Long, JsonNode> generations = new java.util.TreeMap<>();
        report.get("generations")
                .forEach(node -> generations.put(node.get("generation").asLong(), node));
        assertThat(generations.get(previous).get("state").asString()).isEqualTo("retired");
        assertThat(generations.get(previous).get("rows").get(WINDOWS).asLong()).isZero();
        JsonNode current = generations.get(replay);
        assertThat(current.get("state").asString()).isEqualTo("current");
        assertThat(current.get("activatedAt").isNull()).isFalse();
        assertThat(current.get("parameters").get("decayFactor").asDouble()).isEqualTo(0.5);
        assertThat(current.get("rows").get(WINDOWS).asLong()).isEqualTo(replayed.size());
        assertThat(current.get("rows").get(SCORES).asLong()).isEqualTo(posts.size());
        assertThat(current.get("ratingEvents").asLong())
                .isEqualTo(replayed.stream()
                        .mapToLong(result -> result.counts().ratingsInWindow())
                        .sum());
    }

    @Test
    void aForgedAndAnOutOfOrderEventChangeNothingAndNewWindowsAreStillWritten() {
        long current = current();
        List<Long> posts = newPostIds(2);
        List<WindowResult> before = produce(results(posts, current));
        Map<Long, String> states = states();
        double refused = events("refused");
        long highest = lifecycle().highest();

        // a CURRENT for a generation that never started, from a clock far ahead
        emit(new GenerationEvent(highest + 50, CURRENT, ScoreParameters.DEFAULTS, 10_000, Long.MAX_VALUE / 4));
        // a number going backwards, and the current generation retired without a successor
        emit(event(current, BUILDING), event(current, RETIRED));
        List<Long> later = newPostIds(1);
        List<WindowResult> after = produce(results(later, current));

        assertThat(states()).isEqualTo(states);
        assertThat(rowsOf(current, WINDOWS)).containsAll(before).containsAll(after);
        assertThat(visibleGenerations()).containsExactly(current);
        assertThat(events("refused")).isEqualTo(refused + 3);
        assertThat(awaitDeadLetters(
                        Topics.deadLetter(Topics.SCORE_GENERATIONS),
                        List.of(Long.toString(highest + 50), Long.toString(current))))
                .hasSize(2);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsApplied() throws Exception {
        double deadLetters = meters.get("ratings.sink.dead.letters")
                .tag("topic", Topics.deadLetter(Topics.SCORE_GENERATIONS))
                .counter()
                .count();
        String key = "unreadable-" + System.nanoTime();
        byte[] notAnEvent = "{\"generation\":0}".getBytes(StandardCharsets.UTF_8);

        processor.emitRaw(key, notAnEvent);
        long replay = startReplay();

        assertThat(states()).containsEntry(replay, "building");
        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetters(
                        Topics.deadLetter(Topics.SCORE_GENERATIONS), List.of(key))
                .get(key);
        assertThat(deadLetter.value()).isEqualTo(notAnEvent);
        assertThat(meters.get("ratings.sink.dead.letters")
                        .tag("topic", Topics.deadLetter(Topics.SCORE_GENERATIONS))
                        .counter()
                        .count())
                .isEqualTo(deadLetters + 1);
    }

    @Test
    void theLogIsReadOnFromTheDatabasesPositionNotTheConsumerGroupsOffsets() throws Exception {
        long current = current();
        Map<Long, String> states = states();
        double applied = events("applied");
        double refused = events("refused");

        follower.stop();
        admin.alterConsumerGroupOffsets(
                        GenerationFollower.GROUP_ID, Map.of(GenerationRecords.PARTITION, new OffsetAndMetadata(0)))
                .all()
                .get(30, TimeUnit.SECONDS);
        follower.start();
        long replay = startReplay();

        assertThat(states()).containsAllEntriesOf(states).containsEntry(replay, "building");
        assertThat(events("applied")).as("only the new event").isEqualTo(applied + 1);
        assertThat(events("refused")).as("nothing read again").isEqualTo(refused);
        assertThat(current()).isEqualTo(current);
    }

    @Test
    void aDatabaseLeftByAnEarlierKafkaFollowsThisKafkasLogFromItsStart() {
        Map<Long, String> states = states();
        List<Long> posts = newPostIds(2);
        produce(results(posts, current()));

        follower.stop();
        jdbc.sql("UPDATE score_generation_log SET topic_id = 'an-earlier-kafka', next_offset = 1000000")
                .update();
        follower.start();
        await().atMost(PATIENCE).until(() -> !followedLog().equals("an-earlier-kafka"));
        awaitLogApplied();

        assertThat(states()).as("rebuilt from this Kafka's log").isEqualTo(states);
        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts))
                .as("rows of the earlier Kafka's generation numbers are gone")
                .isEmpty();
        assertThat(follower.holdsLog()).isTrue();
    }

    @Test
    void healthAndPrometheusShowTheFollowerAndTheGenerationMetrics() throws Exception {
        assertThat(get("/actuator/health")).contains("\"scoreGenerations\"").contains("\"holdsLog\":true");
        assertThat(get("/actuator/prometheus"))
                .contains("ratings_sink_generations_switched_total")
                .contains("ratings_sink_generations_promotions_total")
                .contains("ratings_sink_generations_events_total{application=\"sink\",result=\"refused\"}")
                .contains(
                        "ratings_sink_generations_rows_deleted_total{application=\"sink\",table=\"post_rating_windows\"}")
                .contains("ratings_sink_dead_letters_total{application=\"sink\",topic=\"score-generations.DLT\"}");
    }

    /** Starts a replay as a stream processor does; returns its generation. */
    private long startReplay() {
        long replay = lifecycle().highest() + 1;
        emit(event(replay, BUILDING));
        assertThat(states()).containsEntry(replay, "building");
        return replay;
    }

    /** Two windows per post. */
    private static List<WindowResult> results(List<Long> posts, long generation) {
        List<WindowResult> results = new ArrayList<>();
        for (long post : posts) {
            results.add(result(post, 0, generation));
            results.add(result(post, 1, generation));
        }
        return results;
    }

    private static List<WindowResult> halvedScores(List<WindowResult> results) {
        return results.stream()
                .map(result -> withScore(result, result.state().score() / 2))
                .toList();
    }

    /** Produces the events as a stream processor does and waits until the sink has applied them. */
    private void emit(GenerationEvent... toEmit) {
        for (GenerationEvent event : toEmit) {
            processor.emit(event);
        }
        awaitLogApplied();
    }

    /** Until this sink has read and applied the whole log, whoever wrote it. */
    private void awaitLogApplied() {
        await().atMost(PATIENCE)
                .until(() -> follower.appliedUpTo()
                        >= new GroupProgress(admin)
                                .committedEnd(Topics.SCORE_GENERATIONS)
                                .get(GenerationRecords.PARTITION));
    }

    private String followedLog() {
        return jdbc.sql("SELECT topic_id FROM score_generation_log")
                .query(String.class)
                .single();
    }

    /** Produces the results and waits until the sink has written (or skipped) them. */
    private List<WindowResult> produce(List<WindowResult> toProduce) {
        processor.produce(toProduce);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(lag(RESULTS_GROUP, Topics.POST_RATING_WINDOWS))
                        .isZero());
        return toProduce;
    }

    private GenerationLifecycle lifecycle() {
        return store.lifecycle();
    }

    private long current() {
        return lifecycle().current().map(Generation::number).orElse(0L);
    }

    private Map<Long, String> states() {
        return GenerationRows.states(jdbc);
    }

    /** The generations readers see, joined the way ingest-api joins them. */
    private List<Long> visibleGenerations() {
        return jdbc.sql("""
                        SELECT DISTINCT s.generation FROM post_scores s
                        JOIN score_generations g ON g.generation = s.generation AND g.state = 'current'
                        """).query(Long.class).list();
    }

    private List<WindowResult> rowsOf(long generation, String table) {
        return StoredRows.results(jdbc, table).stream()
                .filter(row -> row.generation() == generation)
                .toList();
    }

    private List<StoredRows.Row> rowsWithTimesOf(long generation, String table) {
        return StoredRows.all(jdbc, table).stream()
                .filter(row -> row.result().generation() == generation)
                .toList();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double events(String result) {
        return meters.get("ratings.sink.generations.events")
                .tag("result", result)
                .counter()
                .count();
    }

    private double deleted(String table) {
        return meters.get("ratings.sink.generations.rows.deleted")
                .tag("table", table)
                .counter()
                .count();
    }
}
