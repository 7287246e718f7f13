package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.sink.MigratedDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The event writer against the real PostgreSQL, a fresh database with the contract's schema per test. */
class GenerationEventWriterIT {

    private static final long T = 1_717_200_000_000L;

    private MigratedDatabase database;
    private JdbcClient jdbc;
    private SimpleMeterRegistry registry;
    private GenerationEventWriter writer;

    @BeforeEach
    void createDatabase() {
        database = MigratedDatabase.create();
        jdbc = database.jdbc();
        registry = new SimpleMeterRegistry();
        writer = new GenerationEventWriter(jdbc, database.transactions(), registry);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void switchingRetiresTheOldGenerationAndDeletesOnlyItsRows() {
        writer.apply(event(1, CURRENT, T));
        writer.apply(event(2, BUILDING, T + 10));
        insertRows(1, 30);
        insertRows(2, 20);
        double switchesBefore = switches();

        writer.apply(event(2, CURRENT, T + 20));

        assertThat(states()).isEqualTo(Map.of(1L, "retired", 2L, "current"));
        assertThat(rowCounts()).isEqualTo(Map.of(2L, 20L));
        assertThat(switches()).isEqualTo(switchesBefore + 1);
        assertThat(deleted("post_rating_windows")).isEqualTo(30.0);
        assertThat(deleted("post_scores")).isEqualTo(30.0);
    }

    @Test
    void activationTimeIsSetWhenAGenerationBecomesCurrentAndKeptWhenTheEventComesAgain() {
        Instant before = now();
        writer.apply(event(1, CURRENT, T));
        Instant activated = activatedAt(1);
        double switchesBefore = switches();

        writer.apply(event(1, CURRENT, T));

        assertThat(activated).isAfterOrEqualTo(before);
        assertThat(activatedAt(1)).isEqualTo(activated);
        assertThat(switches()).isEqualTo(switchesBefore);
    }

    @Test
    void aFreshKafkaMakingGenerationOneCurrentRetiresTheDatabasesCurrentThree() {
        GenerationRows.leftByAnEarlierKafka(jdbc);
        insertRows(3, 25);

        writer.apply(event(1, CURRENT, System.currentTimeMillis()));

        assertThat(states()).isEqualTo(Map.of(1L, "current", 2L, "retired", 3L, "retired"));
        assertThat(rowCounts()).isEmpty();
    }

    @Test
    void anEventWhoseCleanupFailsChangesNothing() {
        writer.apply(event(1, CURRENT, T));
        insertRows(1, 5);
        jdbc.sql("""
                        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
                        $$ BEGIN RAISE EXCEPTION 'refused'; END $$
                        """).update();
        jdbc.sql("CREATE TRIGGER refuse BEFORE DELETE ON post_scores FOR EACH ROW EXECUTE FUNCTION refuse()")
                .update();

        assertThatThrownBy(() -> writer.apply(event(1, RETIRED, T + 1))).isInstanceOf(DataAccessException.class);

        assertThat(states()).isEqualTo(Map.of(1L, "current"));
        assertThat(rowCounts()).isEqualTo(Map.of(1L, 5L));
        assertThat(deleted("post_rating_windows")).isZero();
    }

    private static GenerationEvent event(long generation, GenerationState state, long at) {
        return new GenerationEvent(generation, state, ScoreParameters.DEFAULTS, 10_000, at);
    }

    /** {@code count} posts with one window each, in both tables. */
    private void insertRows(long generation, int count) {
        for (String table : GenerationEventWriter.TABLES) {
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

    private Instant activatedAt(long generation) {
        return jdbc.sql("SELECT activated_at FROM score_generations WHERE generation = :generation")
                .param("generation", generation)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private Instant now() {
        return jdbc.sql("SELECT now()").query(OffsetDateTime.class).single().toInstant();
    }

    private double switches() {
        return registry.get("ratings.sink.generations.switched").counter().count();
    }

    private double deleted(String table) {
        return registry.get("ratings.sink.generations.rows.deleted")
                .tag("table", table)
                .counter()
                .count();
    }
}
