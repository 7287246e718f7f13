package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.sink.MigratedDatabase;
import dev.ratings.sink.generations.GenerationEventWriter.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event writer against the real PostgreSQL, a fresh database with the contract's schema per
 * test; records are built as the follower reads them, dead letters are collected (the sink's tests
 * on the broker check that they reach {@code score-generations.DLT}).
 */
class GenerationEventWriterIT {

    private static final long T = 1_717_200_000_000L;
    private static final String LOG = "this-kafka";

    private MigratedDatabase database;
    private JdbcClient jdbc;
    private SimpleMeterRegistry registry;
    private GenerationEventWriter writer;
    private final List<ConsumerRecord<?, ?>> deadLetters = new ArrayList<>();
    private long nextOffset;

    @BeforeEach
    void createDatabase() {
        database = MigratedDatabase.create();
        jdbc = database.jdbc();
        registry = new SimpleMeterRegistry();
        writer = new GenerationEventWriter(
                new GenerationStore(jdbc),
                database.transactions(),
                (record, consumer, why) -> deadLetters.add(record),
                registry);
        writer.adopt(LOG);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void promotionRetiresTheOldGenerationAndDeletesOnlyItsRows() {
        apply(event(1, CURRENT), event(2, BUILDING));
        insertRows(1, 30);
        insertRows(2, 20);

        Result result = apply(event(2, CURRENT));
        Result retiredAgain = apply(event(1, RETIRED));

        assertThat(result).isEqualTo(Result.APPLIED);
        assertThat(retiredAgain)
                .as("written with the promotion, changes nothing")
                .isEqualTo(Result.UNCHANGED);
        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
        assertThat(rowCounts()).isEqualTo(Map.of(2L, 20L));
        assertThat(counter("ratings.sink.generations.switched")).isEqualTo(2.0);
        assertThat(deleted("post_rating_windows")).isEqualTo(30.0);
        assertThat(deleted("post_scores")).isEqualTo(30.0);
    }

    @Test
    void anAbandonedReplayIsRetiredWithItsRows() {
        apply(event(1, CURRENT), event(2, BUILDING));
        insertRows(1, 3);
        insertRows(2, 5);

        apply(event(2, RETIRED));

        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "retired"));
        assertThat(rowCounts()).isEqualTo(Map.of(1L, 3L));
    }

    @Test
    void aForgedCurrentForAGenerationThatNeverStartedChangesNothing() {
        apply(event(1, CURRENT));
        insertRows(1, 5);
        Map<Long, String> states = states();

        Result result = apply(new GenerationEvent(99, CURRENT, ScoreParameters.DEFAULTS, 10_000, Long.MAX_VALUE / 4));

        assertThat(result).isEqualTo(Result.REFUSED);
        assertThat(states()).isEqualTo(states);
        assertThat(rowCounts()).isEqualTo(Map.of(1L, 5L));
        assertThat(deadLetters.stream().map(record -> (Object) record.key()).toList())
                .containsExactly("99");
        assertThat(registry.get("ratings.sink.generations.events")
                        .tag("result", "refused")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(position()).as("the log is read on past it").isEqualTo(nextOffset);
    }

    @Test
    void numbersGoingBackwardsChangeNothing() {
        apply(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT), event(3, BUILDING));
        insertRows(2, 4);
        insertRows(3, 2);

        assertThat(apply(event(1, CURRENT))).isEqualTo(Result.REFUSED);
        assertThat(apply(event(2, BUILDING))).isEqualTo(Result.REFUSED);
        assertThat(apply(event(1, BUILDING))).isEqualTo(Result.REFUSED);

        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current", 3L, "building"));
        assertThat(rowCounts()).isEqualTo(Map.of(2L, 4L, 3L, 2L));
        assertThat(deadLetters).hasSize(3);
    }

    @Test
    void anUnreadableRecordIsRefusedAndTheNextOneApplied() {
        apply(event(1, CURRENT));

        Result unreadable = apply(record("2", "{\"generation\":0}".getBytes(StandardCharsets.UTF_8)));
        Result wrongKey =
                apply(record("7", GenerationRecords.record(event(2, BUILDING)).value()));
        Result tombstone = apply(record("2", null));
        Result next = apply(event(2, BUILDING));

        assertThat(List.of(unreadable, wrongKey, tombstone)).containsOnly(Result.REFUSED);
        assertThat(next).isEqualTo(Result.APPLIED);
        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "building"));
        assertThat(deadLetters).hasSize(3);
    }

    @Test
    void readingTheLogAgainChangesNothing() {
        List<ConsumerRecord<String, byte[]>> log = List.of(
                record(event(1, CURRENT)),
                record(event(2, BUILDING)),
                record(event(2, CURRENT)),
                record(event(1, RETIRED)));
        log.forEach(this::apply);
        Map<Long, String> states = states();
        OffsetDateTime activated = activatedAt(2);
        double switches = counter("ratings.sink.generations.switched");

        List<Result> again = log.stream()
                .map(record -> writer.apply(LOG, 0, record).result())
                .toList();

        assertThat(again).containsOnly(Result.ALREADY_APPLIED);
        assertThat(states()).isEqualTo(states);
        assertThat(activatedAt(2)).isEqualTo(activated);
        assertThat(counter("ratings.sink.generations.switched")).isEqualTo(switches);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aDatabaseBehindWhatThisInstanceAppliedIsNotWrittenOn() {
        apply(event(1, CURRENT));
        jdbc.sql("UPDATE score_generation_log SET next_offset = 0").update();

        assertThatThrownBy(() -> writer.apply(LOG, nextOffset, record(event(2, BUILDING))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("went back");
        assertThat(states()).isEqualTo(Map.of(1L, "current"));
    }

    @Test
    void anotherKafkasLogReplacesEverythingTheEarlierOneWrote() {
        apply(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT), event(3, BUILDING));
        insertRows(2, 25);
        insertRows(3, 5);

        LogPosition start = writer.adopt("another-kafka");
        nextOffset = 0;
        Result first =
                writer.apply("another-kafka", 0, record(event(1, CURRENT))).result();

        assertThat(start).isEqualTo(new LogPosition("another-kafka", 0));
        assertThat(first).isEqualTo(Result.APPLIED);
        assertThat(states()).isEqualTo(Map.of(1L, "current"));
        assertThat(rowCounts())
                .as("the earlier log's rows would pass for the new one's")
                .isEmpty();
    }

    @Test
    void aDatabaseThatFollowedNoLogYetKeepsItsRowsAndRebuildsItsStates() {
        jdbc.sql("DELETE FROM score_generation_log").update();
        jdbc.sql("INSERT INTO score_generations (generation, state) VALUES (1, 'retired'), (2, 'current')")
                .update();
        insertRows(2, 7);

        writer.adopt(LOG);
        nextOffset = 0;
        apply(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT), event(1, RETIRED));

        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
        assertThat(rowCounts()).isEqualTo(Map.of(2L, 7L));
    }

    @Test
    void anEventWhoseCleanupFailsChangesNothingAndIsAppliedAgainLater() {
        apply(event(1, CURRENT), event(2, BUILDING));
        insertRows(1, 5);
        jdbc.sql("""
                        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
                        $$ BEGIN RAISE EXCEPTION 'refused'; END $$
                        """).update();
        jdbc.sql("CREATE TRIGGER refuse BEFORE DELETE ON post_scores FOR EACH ROW EXECUTE FUNCTION refuse()")
                .update();
        ConsumerRecord<String, byte[]> promotion = record(event(2, CURRENT));

        assertThatThrownBy(() -> writer.apply(LOG, 0, promotion)).isInstanceOf(DataAccessException.class);
        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "building"));
        assertThat(rowCounts()).isEqualTo(Map.of(1L, 5L));
        assertThat(deleted("post_rating_windows")).isZero();

        jdbc.sql("DROP TRIGGER refuse ON post_scores").update();
        assertThat(writer.apply(LOG, 0, promotion).result()).isEqualTo(Result.APPLIED);
        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
    }

    private Result apply(GenerationEvent... events) {
        Result last = null;
        for (GenerationEvent event : events) {
            last = apply(record(event));
        }
        return last;
    }

    private Result apply(ConsumerRecord<String, byte[]> record) {
        return writer.apply(LOG, 0, record).result();
    }

    private ConsumerRecord<String, byte[]> record(GenerationEvent event) {
        return record(
                Long.toString(event.generation()),
                GenerationRecords.record(event).value());
    }

    /** The next record of the log, one offset after the last. */
    private ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(Topics.SCORE_GENERATIONS, 0, nextOffset++, key, value);
    }

    private static GenerationEvent event(long generation, GenerationState state) {
        return new GenerationEvent(generation, state, ScoreParameters.DEFAULTS, 10_000, T);
    }

    /** {@code count} posts with one window each, in both tables. */
    private void insertRows(long generation, int count) {
        for (String table : GenerationStore.TABLES) {
            jdbc.sql("""
                            INSERT INTO %s (generation, post_id, window_start, window_end, ratings_in_window,
                                new_raters, burst_weight, baseline, rating_count, rating_sum, raw_average,
                                weighted_count, weighted_sum, target, score, algorithm, window_size_ms,
                                decay_factor, prior_mean, prior_weight, burst_factor, burst_floor,
                                baseline_smoothing)
                            SELECT :generation, p, timestamptz '2024-06-01 00:00Z', timestamptz '2024-06-01 00:05Z',
                                   1, 1, 1, 1, 1, 4, 4, 1, 4, 4, 3.25, 'decay-v1', 300000, 0.5, 2.5, 0, 3, 10, 0.2
                            FROM generate_series(1, :count) AS p
                            """.formatted(table))
                    .param("generation", generation)
                    .param("count", count)
                    .update();
        }
    }

    private Map<Long, String> states() {
        return GenerationRows.states(jdbc);
    }

    private long position() {
        return jdbc.sql("SELECT next_offset FROM score_generation_log")
                .query(Long.class)
                .single();
    }

    /** Generation → rows, the same in both tables or the test fails. */
    private Map<Long, Long> rowCounts() {
        Map<Long, Long> windows = counts("post_rating_windows");
        assertThat(counts("post_scores")).isEqualTo(windows);
        return windows;
    }

    private Map<Long, Long> counts(String table) {
        return new TreeMap<>(jdbc
                .sql("SELECT generation, count(*) FROM " + table + " GROUP BY generation")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private OffsetDateTime activatedAt(long generation) {
        return jdbc.sql("SELECT activated_at FROM score_generations WHERE generation = :generation")
                .param("generation", generation)
                .query(OffsetDateTime.class)
                .single();
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double deleted(String table) {
        return registry.get("ratings.sink.generations.rows.deleted")
                .tag("table", table)
                .counter()
                .count();
    }
}
