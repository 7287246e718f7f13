package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static dev.ratings.sink.windows.StoredRows.SCORES;
import static dev.ratings.sink.windows.StoredRows.WINDOWS;
import static dev.ratings.sink.windows.WindowResults.result;
import static dev.ratings.sink.windows.WindowResults.withScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.RunningSink;
import dev.ratings.sink.windows.StoredRows;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sink following {@code score-generations} on an embedded KRaft broker with a fresh PostgreSQL
 * database: a replay's results are kept apart until its {@code CURRENT} event, which switches
 * readers and deletes the old generation's rows. Each test starts from empty tables, once both
 * listeners have caught up, and waits for the sink's consumer groups to have no lag, which means
 * its transactions have committed.
 */
@TestPropertySource(properties = "ratings.kafka.partitions=2")
class GenerationSwitchSinkIT extends RunningSink {

    private static final String RESULTS_GROUP = "ratings-sink";

    private KafkaProducer<String, WindowResult> results;
    private KafkaProducer<String, GenerationEvent> events;
    private KafkaProducer<String, byte[]> raw;
    private long clock = System.currentTimeMillis();

    @BeforeEach
    void startFromEmptyTables() {
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        results = new KafkaProducer<>(producer, new StringSerializer(), JsonSerde.of(WindowResult.class));
        events = new KafkaProducer<>(producer, new StringSerializer(), JsonSerde.of(GenerationEvent.class));
        raw = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
        awaitCaughtUp();
        jdbc.sql("TRUNCATE score_generations, post_rating_windows, post_scores").update();
    }

    @AfterEach
    void disconnect() {
        results.close();
        events.close();
        raw.close();
    }

    @Test
    void resultsOfAReplayAreKeptApartWhileReadersStillSeeTheCurrentGeneration() {
        List<Long> posts = newPostIds(2);

        List<WindowResult> replayed = replayBesideGenerationOne(posts);

        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "building"));
        assertThat(rowsOf(2, WINDOWS)).isEqualTo(replayed);
        assertThat(visibleGenerations()).containsExactly(1L);
    }

    @Test
    void switchingMakesTheReplayCurrentAndDeletesOnlyTheOldGenerationsRows() throws Exception {
        List<Long> posts = newPostIds(2);
        List<WindowResult> live = results(posts, 1);
        replayBesideGenerationOne(posts);
        List<StoredRows.Row> replayedWindows = rowsWithTimesOf(2, WINDOWS);
        List<StoredRows.Row> replayedScores = rowsWithTimesOf(2, SCORES);
        double switches = counter("ratings.sink.generations.switched");
        double windowsDeleted = deleted(WINDOWS);
        double scoresDeleted = deleted(SCORES);

        switchTo(2, 1);

        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
        assertThat(rowsOf(1, WINDOWS)).isEmpty();
        assertThat(rowsOf(1, SCORES)).isEmpty();
        assertThat(rowsWithTimesOf(2, WINDOWS)).isEqualTo(replayedWindows);
        assertThat(rowsWithTimesOf(2, SCORES)).isEqualTo(replayedScores);
        assertThat(visibleGenerations()).containsExactly(2L);
        assertThat(counter("ratings.sink.generations.switched")).isEqualTo(switches + 1);
        assertThat(deleted(WINDOWS)).isEqualTo(windowsDeleted + live.size());
        assertThat(deleted(SCORES)).isEqualTo(scoresDeleted + posts.size());
    }

    @Test
    void theEndpointShowsEachGenerationWithItsStateAndRows() throws Exception {
        List<Long> posts = newPostIds(3);
        List<WindowResult> replayed = replayBesideGenerationOne(posts);
        switchTo(2, 1);

        JsonNode report = JsonMapper.shared().readTree(get("/actuator/scoregenerations"));

        assertThat(report.get("current").asLong()).isEqualTo(2);
        JsonNode retired = report.get("generations").get(0);
        assertThat(retired.get("generation").asLong()).isEqualTo(1);
        assertThat(retired.get("state").asString()).isEqualTo("retired");
        assertThat(retired.get("rows").get(WINDOWS).asLong()).isZero();
        assertThat(retired.get("rows").get(SCORES).asLong()).isZero();
        JsonNode current = report.get("generations").get(1);
        assertThat(current.get("generation").asLong()).isEqualTo(2);
        assertThat(current.get("state").asString()).isEqualTo("current");
        assertThat(OffsetDateTime.parse(current.get("activatedAt").asString()).toInstant())
                .isEqualTo(activatedAt(2).toInstant());
        assertThat(current.get("rows").get(WINDOWS).asLong()).isEqualTo(replayed.size());
        assertThat(current.get("rows").get(SCORES).asLong()).isEqualTo(posts.size());
    }

    @Test
    void prometheusShowsTheGenerationMetricsAndHealthTheListener() throws Exception {
        replayBesideGenerationOne(newPostIds(1));
        switchTo(2, 1);

        assertThat(get("/actuator/prometheus"))
                .contains("ratings_sink_generations_switched_total")
                .contains("ratings_sink_generations_rows_deleted_total{table=\"post_rating_windows\"}")
                .contains("ratings_sink_generations_rows_deleted_total{table=\"post_scores\"}")
                .contains("ratings_sink_dead_letters_total{topic=\"score-generations.DLT\"}");
        assertThat(get("/actuator/health")).contains("\"" + GenerationEventListener.ID + "\":\"running\"");
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        List<Long> posts = newPostIds(2);
        long firstOffset = endOfGenerations();
        replayBesideGenerationOne(posts);
        GenerationEvent[] switchEvents = switchTo(2, 1);
        Map<Long, String> states = states();
        OffsetDateTime activated = activatedAt(2);
        List<StoredRows.Row> rows = rowsWithTimesOf(2, WINDOWS);
        double switches = counter("ratings.sink.generations.switched");

        // the same events produced again, then the whole test's log consumed again from its start
        emit(switchEvents);
        rewindGenerationsTo(firstOffset);
        awaitCaughtUp();

        assertThat(states()).isEqualTo(states);
        assertThat(activatedAt(2)).isEqualTo(activated);
        assertThat(rowsWithTimesOf(2, WINDOWS)).isEqualTo(rows);
        assertThat(counter("ratings.sink.generations.switched")).isEqualTo(switches);
    }

    @Test
    void aResultOfAGenerationArrivingAfterItsRetirementIsSkipped() {
        List<Long> posts = newPostIds(1);
        replayBesideGenerationOne(posts);
        switchTo(2, 1);
        double stale = counter("ratings.sink.stale.results");

        produce(List.of(result(posts.get(0), 9, 1)));

        assertThat(rowsOf(1, WINDOWS)).isEmpty();
        assertThat(rowsOf(1, SCORES)).isEmpty();
        assertThat(counter("ratings.sink.stale.results")).isEqualTo(stale + 1);
        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
    }

    @Test
    void aDatabaseAheadOfAFreshKafkaFollowsKafka() {
        // what an earlier Kafka left: generation 3 current with rows
        GenerationRows.leftByAnEarlierKafka(jdbc);
        List<Long> posts = newPostIds(2);
        produce(results(posts, 3));
        assertThat(rowsOf(3, WINDOWS)).isNotEmpty();

        // the fresh Kafka's first generation, then its first replay, which reuses the number 2
        emit(event(1, CURRENT));
        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "retired", 3L, "retired"));
        assertThat(rowsOf(3, WINDOWS)).isEmpty();
        assertThat(rowsOf(3, SCORES)).isEmpty();
        emit(event(2, BUILDING));
        List<WindowResult> replayed = produce(results(posts, 2));

        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "building", 3L, "retired"));
        assertThat(rowsOf(2, WINDOWS)).isEqualTo(replayed);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsApplied() throws Exception {
        double deadLetters = meters.get("ratings.sink.dead.letters")
                .tag("topic", Topics.deadLetter(Topics.SCORE_GENERATIONS))
                .counter()
                .count();
        String key = "unreadable-" + clock;
        byte[] notAnEvent = "{\"generation\":0}".getBytes(StandardCharsets.UTF_8);

        raw.send(new ProducerRecord<>(Topics.SCORE_GENERATIONS, key, notAnEvent))
                .get(30, TimeUnit.SECONDS);
        emit(event(1, CURRENT));

        assertThat(states()).isEqualTo(Map.of(1L, "current"));
        assertThat(awaitDeadLetter(key).value()).isEqualTo(notAnEvent);
        assertThat(meters.get("ratings.sink.dead.letters")
                        .tag("topic", Topics.deadLetter(Topics.SCORE_GENERATIONS))
                        .counter()
                        .count())
                .isEqualTo(deadLetters + 1);
    }

    /** Generation 1 current with the posts' results, then generation 2 building with other scores. */
    private List<WindowResult> replayBesideGenerationOne(List<Long> posts) {
        emit(event(1, CURRENT));
        produce(results(posts, 1));
        emit(event(2, BUILDING));
        return produce(results(posts, 2).stream()
                .map(result -> withScore(result, result.state().score() / 2))
                .toList());
    }

    /** As the stream processor records a switch: the new generation current, then the old one retired, at one instant. */
    private GenerationEvent[] switchTo(long generation, long previous) {
        clock++;
        GenerationEvent[] switchEvents = {event(generation, CURRENT, clock), event(previous, RETIRED, clock)};
        emit(switchEvents);
        return switchEvents;
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

    private GenerationEvent event(long generation, GenerationState state) {
        clock++;
        return event(generation, state, clock);
    }

    private static GenerationEvent event(long generation, GenerationState state, long at) {
        return new GenerationEvent(generation, state, ScoreParameters.DEFAULTS, 10_000, at);
    }

    /** Produces the events and waits until the sink has applied them. */
    private void emit(GenerationEvent... toEmit) {
        for (GenerationEvent event : toEmit) {
            send(events, Topics.SCORE_GENERATIONS, Long.toString(event.generation()), event);
        }
        awaitCaughtUp();
    }

    /** Produces the results and waits until the sink has written (or skipped) them. */
    private List<WindowResult> produce(List<WindowResult> toProduce) {
        for (WindowResult result : toProduce) {
            send(results, Topics.POST_RATING_WINDOWS, Long.toString(result.postId()), result);
        }
        awaitCaughtUp();
        return toProduce;
    }

    private static <V> void send(KafkaProducer<String, V> producer, String topic, String key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge a test record", e);
        }
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

    private OffsetDateTime activatedAt(long generation) {
        return jdbc.sql("SELECT activated_at FROM score_generations WHERE generation = :generation")
                .param("generation", generation)
                .query(OffsetDateTime.class)
                .single();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double deleted(String table) {
        return meters.get("ratings.sink.generations.rows.deleted")
                .tag("table", table)
                .counter()
                .count();
    }

    /** Until both listeners' committed offsets reach the end of their topics. */
    private void awaitCaughtUp() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(lag(RESULTS_GROUP, Topics.POST_RATING_WINDOWS)).isZero();
            assertThat(lag(GenerationEventListener.ID, Topics.SCORE_GENERATIONS))
                    .isZero();
        });
    }

    private long endOfGenerations() {
        TopicPartition partition = new TopicPartition(Topics.SCORE_GENERATIONS, 0);
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .all()
                    .get()
                    .get(partition)
                    .offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the generation listener, moves its committed offset back, starts it again. */
    private void rewindGenerationsTo(long offset) {
        rewind(
                GenerationEventListener.ID,
                GenerationEventListener.ID,
                Map.of(new TopicPartition(Topics.SCORE_GENERATIONS, 0), offset));
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return awaitDeadLetters(Topics.deadLetter(Topics.SCORE_GENERATIONS), List.of(key))
                .get(key);
    }
}
