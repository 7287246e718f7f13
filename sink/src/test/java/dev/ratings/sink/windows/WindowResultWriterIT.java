package dev.ratings.sink.windows;

import static dev.ratings.sink.windows.StoredRows.SCORES;
import static dev.ratings.sink.windows.StoredRows.WINDOWS;
import static dev.ratings.sink.windows.WindowResults.decayV2;
import static dev.ratings.sink.windows.WindowResults.extreme;
import static dev.ratings.sink.windows.WindowResults.result;
import static dev.ratings.sink.windows.WindowResults.withScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.MigratedDatabase;
import dev.ratings.sink.generations.ScoreGenerations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writer against the real PostgreSQL, a fresh database with the contract's schema per test;
 * chunks of {@value #CHUNK} results, so that most batches here are written in several.
 */
class WindowResultWriterIT {

    private static final int CHUNK = 2;

    private MigratedDatabase database;
    private JdbcClient jdbc;
    private SimpleMeterRegistry registry;
    private WindowResultWriter writer;

    @BeforeEach
    void createDatabase() {
        database = MigratedDatabase.create();
        jdbc = database.jdbc();
        registry = new SimpleMeterRegistry();
        jdbc.sql("INSERT INTO score_generation_log (topic_id, next_offset) VALUES ('this-kafka', 0)")
                .update();
        writer = new WindowResultWriter(
                jdbc, database.transactions(), new ScoreGenerations(jdbc, "this-kafka"::equals), registry, CHUNK);
    }

    @AfterEach
    void dropDatabase() {
        writer.destroy();
        database.close();
    }

    @Test
    void everyFieldIsStoredExactly() {
        WindowResult first = result(1, 0, 1);
        WindowResult second = result(1, 1, 1);
        WindowResult extremes = extreme(2, 5, 1);

        writer.write(List.of(second, extremes, first));

        assertThat(StoredRows.results(jdbc, WINDOWS))
                .usingRecursiveComparison()
                .isEqualTo(List.of(first, second, extremes));
        assertThat(StoredRows.results(jdbc, SCORES)).usingRecursiveComparison().isEqualTo(List.of(second, extremes));
    }

    @Test
    void decayV2FieldsAreStoredExactlyAndAreNullUnderDecayV1() {
        WindowResult v1 = result(1, 0, 1);
        WindowResult v2 = decayV2(2, 0, 1);

        writer.write(List.of(v1, v2));

        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(v1, v2);
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(v1, v2);
        List<Object> v1Trust = jdbc.sql("SELECT trusted_in_window, probation_scale, trust_floor, probation_floor"
                        + " FROM post_rating_windows WHERE post_id = 1")
                .query((rs, n) ->
                        java.util.Arrays.asList(rs.getObject(1), rs.getObject(2), rs.getObject(3), rs.getObject(4)))
                .single();
        assertThat(v1Trust).containsOnlyNulls();
        assertThat(jdbc.sql("SELECT trust_age_windows FROM post_scores WHERE post_id = 2")
                        .query(Long.class)
                        .single())
                .isEqualTo(2016);
    }

    @Test
    void aScoreRowMovingFromDecayV1ToDecayV2AndBackTakesTheTrustFieldsAlong() {
        writer.write(List.of(result(1, 0, 1)));
        writer.write(List.of(decayV2(1, 1, 1)));
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(decayV2(1, 1, 1));

        writer.write(List.of(result(1, 2, 1)));
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(result(1, 2, 1));
    }

    @Test
    void theMigrationsCreateExactlyTheColumnsOfTheFlatFields() {
        List<String> flat =
                FlatFields.WINDOW_RESULT.stream().map(FlatFields.Field::column).toList();
        for (String table : List.of(WINDOWS, SCORES)) {
            List<String> columns = jdbc.sql(
                            "SELECT column_name FROM information_schema.columns WHERE table_name = :table")
                    .param("table", table)
                    .query(String.class)
                    .list();
            assertThat(columns).as(table).containsExactlyInAnyOrderElementsOf(concat(flat, "written_at"));
        }
    }

    @Test
    void windowInstantsAreTheEpochMillisecondsAsTimestamps() {
        WindowResult result = result(1, 0, 1);

        writer.write(List.of(result));

        List<Instant> instants = jdbc.sql("SELECT window_start, window_end FROM post_rating_windows")
                .query((rs, n) -> List.of(
                        rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                        rs.getObject("window_end", OffsetDateTime.class).toInstant()))
                .single();
        assertThat(instants)
                .containsExactly(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-01T00:05:00Z"))
                .containsExactly(
                        Instant.ofEpochMilli(result.window().start()),
                        Instant.ofEpochMilli(result.window().end()));
    }

    @Test
    void writingTheSameBatchTwiceChangesNothing() {
        List<WindowResult> batch = List.of(result(1, 0, 1), result(1, 1, 1), result(2, 0, 1));
        writer.write(batch);
        List<StoredRows.Row> windowsBefore = StoredRows.all(jdbc, WINDOWS);
        List<StoredRows.Row> scoresBefore = StoredRows.all(jdbc, SCORES);

        WindowResultWriter.Outcome again = writer.write(batch);

        assertThat(again.windowRows()).isZero();
        assertThat(again.scoreRows()).isZero();
        // written_at unchanged too: the rows were not rewritten, not even with equal values
        assertThat(StoredRows.all(jdbc, WINDOWS)).isEqualTo(windowsBefore);
        assertThat(StoredRows.all(jdbc, SCORES)).isEqualTo(scoresBefore);
    }

    @Test
    void olderWindowArrivingAfterANewerOneDoesNotOverwriteTheScore() {
        WindowResult newer = result(1, 5, 1);
        WindowResult older = result(1, 2, 1);

        writer.write(List.of(newer));
        writer.write(List.of(older));

        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(newer);
        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(older, newer);
    }

    @Test
    void newerWindowReplacesTheScore() {
        WindowResult older = result(1, 2, 1);
        WindowResult newer = result(1, 5, 1);

        writer.write(List.of(older));
        writer.write(List.of(newer));

        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(newer);
    }

    @Test
    void theScoreIsThePostsNewestWindowInTheBatchWhateverTheOrder() {
        WindowResult older = result(7, 2, 1);
        WindowResult newest = result(7, 5, 1);
        WindowResult middle = result(7, 4, 1);
        WindowResult otherGeneration = result(7, 3, 2);

        WindowResultWriter.Outcome outcome = writer.write(List.of(older, newest, otherGeneration, middle));

        assertThat(outcome.windowRows()).isEqualTo(4);
        assertThat(outcome.scoreRows()).isEqualTo(2);
        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(older, middle, newest, otherGeneration);
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(newest, otherGeneration);
    }

    @Test
    void batchHoldingTheSameKeysTwiceIsWritten() {
        WindowResult window = result(1, 2, 1);
        WindowResult newer = result(1, 3, 1);

        WindowResultWriter.Outcome outcome = writer.write(List.of(window, newer, window, newer, window));

        assertThat(outcome.windowRows()).isEqualTo(2);
        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(window, newer);
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(newer);
    }

    @Test
    void aFailingStatementRollsBackTheWholeBatch() {
        jdbc.sql("ALTER TABLE post_scores ADD CONSTRAINT refuse_all CHECK (false) NOT VALID")
                .update();

        assertThatThrownBy(() -> writer.write(List.of(result(1, 0, 1)))).isInstanceOf(DataAccessException.class);

        assertThat(StoredRows.results(jdbc, WINDOWS)).isEmpty();
        assertThat(generations()).isEmpty();
    }

    @Test
    void aStatementFailingInALaterChunkRollsBackTheChunksWrittenBeforeIt() {
        jdbc.sql("ALTER TABLE post_rating_windows ADD CONSTRAINT refuse_post_3 CHECK (post_id <> 3) NOT VALID")
                .update();

        // chunks [1, 2] and [3]: the first is written, then the second fails in the same transaction
        assertThatThrownBy(() -> writer.write(List.of(result(1, 0, 1), result(2, 0, 1), result(3, 0, 1))))
                .isInstanceOf(DataAccessException.class);

        assertThat(StoredRows.results(jdbc, WINDOWS)).isEmpty();
        assertThat(StoredRows.results(jdbc, SCORES)).isEmpty();
        assertThat(registry.get("ratings.sink.write.failures").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("ratings.sink.rows.written")
                        .tag("table", WINDOWS)
                        .counter()
                        .count())
                .as("nothing counted for a batch rolled back")
                .isZero();
    }

    @Test
    void theNextChunkIsPreparedWhileTheDatabaseWritesTheOneBeforeInTheSameTransaction() {
        WindowResult first = result(1, 0, 1);
        WindowResult second = result(2, 0, 1);
        List<List<WindowResult>> chunks = new ArrayList<>(List.of(List.of(first), List.of(second)));
        List<String> seenWhilePreparingTheSecond = new ArrayList<>();

        writer.write(() -> {
            if (chunks.size() == 1) {
                // asked for the second chunk: the first must be in PostgreSQL's hands already, its rows
                // written by an open transaction that nobody else sees yet
                await().atMost(Duration.ofSeconds(30)).until(() -> writingBackends(SCORES) > 0);
                seenWhilePreparingTheSecond.add(
                        "rows visible: " + StoredRows.results(jdbc, WINDOWS).size());
            }
            return chunks.isEmpty() ? null : chunks.remove(0);
        });

        assertThat(seenWhilePreparingTheSecond).containsExactly("rows visible: 0");
        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(first, second);
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(first, second);
        assertThat(writingBackends(SCORES)).isZero();
    }

    @Test
    void aChunkThatCannotBePreparedRollsBackTheChunksBeforeIt() {
        int[] asked = {0};

        assertThatThrownBy(() -> writer.write(() -> switch (asked[0]++) {
                    case 0 -> List.of(result(1, 0, 1));
                    case 1 -> {
                        await().atMost(Duration.ofSeconds(30)).until(() -> writingBackends(SCORES) > 0);
                        throw new IllegalArgumentException("cannot read this one");
                    }
                    default -> null;
                }))
                .isInstanceOf(IllegalArgumentException.class);

        // the writer thread rolls back: no lock stays held, no row appears
        await().atMost(Duration.ofSeconds(30)).until(() -> writingBackends(SCORES) == 0);
        assertThat(StoredRows.results(jdbc, WINDOWS)).isEmpty();
        writer.write(List.of(result(2, 0, 1)));
        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(result(2, 0, 1));
    }

    @Test
    void resultsNeverWriteTheStateOfAGeneration() {
        writer.write(List.of(result(1, 0, 1), result(1, 0, 2)));

        assertThat(generations())
                .as("score_generations is written from the log alone")
                .isEmpty();
        assertThat(StoredRows.results(jdbc, WINDOWS)).hasSize(2);
    }

    @Test
    void resultsOfAGenerationAboveEveryKnownOneAreWrittenBeforeItsEventArrives() {
        generation(1, "current");
        WindowResult first = result(1, 4, 1);
        WindowResult second = withScore(result(1, 4, 2), 1.125);

        writer.write(List.of(first));
        writer.write(List.of(second));

        assertThat(StoredRows.results(jdbc, WINDOWS)).containsExactly(first, second);
        assertThat(StoredRows.results(jdbc, SCORES)).containsExactly(first, second);
        assertThat(generations()).containsExactly(Map.entry(1L, "current"));
    }

    @Test
    void resultsOfARetiredGenerationAreSkippedAndCounted() {
        generation(2, "current");
        generation(3, "retired");

        WindowResultWriter.Outcome outcome = writer.write(List.of(result(1, 1, 3), result(1, 1, 2)));

        assertThat(outcome.skipped()).isEqualTo(1);
        assertThat(StoredRows.results(jdbc, WINDOWS))
                .extracting(WindowResult::generation)
                .containsOnly(2L);
        assertThat(registry.get("ratings.sink.stale.results").counter().count()).isEqualTo(1.0);
    }

    @Test
    void resultsOfAGenerationTheLogNeverStartedAreSkipped() {
        generation(5, "current");

        WindowResultWriter.Outcome outcome = writer.write(List.of(result(1, 0, 4), result(1, 0, 5)));

        assertThat(outcome.skipped()).isEqualTo(1);
        assertThat(StoredRows.results(jdbc, WINDOWS))
                .extracting(WindowResult::generation)
                .containsExactly(5L);
    }

    @Test
    void resultsWaitWhileTheDatabaseFollowsAnotherKafkasLog() {
        jdbc.sql("UPDATE score_generation_log SET topic_id = 'an-earlier-kafka'")
                .update();

        assertThatThrownBy(() -> writer.write(List.of(result(1, 0, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not follow");

        assertThat(StoredRows.results(jdbc, WINDOWS)).isEmpty();
    }

    /** Other sessions holding a write lock on the table: an open transaction that has written to it. */
    private long writingBackends(String table) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                        WHERE c.relname = :table AND l.mode = 'RowExclusiveLock' AND l.granted
                          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND l.pid <> pg_backend_pid()
                        """).param("table", table).query(Long.class).single();
    }

    private void generation(long generation, String state) {
        jdbc.sql("INSERT INTO score_generations (generation, state) VALUES (:generation, :state)")
                .param("generation", generation)
                .param("state", state)
                .update();
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(more);
        return all;
    }

    private List<Map.Entry<Long, String>> generations() {
        return jdbc.sql("SELECT generation, state FROM score_generations ORDER BY generation")
                .query((rs, n) -> Map.entry(rs.getLong("generation"), rs.getString("state")))
                .list();
    }
}
