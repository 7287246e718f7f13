package dev.ratings.sink.generations;

import dev.ratings.sink.postgres.PgArrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The result side of {@code score_generations}: which generations' results may be written. The
 * table is written from {@code score-generations} alone ({@link GenerationEventWriter}); results
 * only read it.
 *
 * <ul>
 *   <li>A retired generation's results are stale: writing them could only bring back scores that
 *       were replaced.
 *   <li>A generation the log has started is written (building ones stay apart from readers).
 *   <li>A generation the database has not seen yet is written if its number is above every one it
 *       knows: its {@code BUILDING} event is on its way (the two topics are read independently).
 *       One at or below is not, as the log never started it.
 * </ul>
 *
 * <p>Results are written only while the database follows the broker's {@code score-generations}:
 * after a change of Kafka, generation numbers start again at 1, and until the new log is adopted
 * (which deletes the earlier log's rows) a new generation 1's rows could be taken for the old one's.
 */
public class ScoreGenerations {

    /** Keeps the event writer from retiring a generation (and deleting its rows) while a batch writes to it. */
    private static final String LOCK = "LOCK TABLE score_generations IN SHARE MODE";

    private static final String WRITABLE = """
            SELECT g FROM unnest(:generations) AS g
            WHERE NOT EXISTS (SELECT 1 FROM score_generations s WHERE s.generation = g AND s.state = 'retired')
              AND (EXISTS (SELECT 1 FROM score_generations s WHERE s.generation = g)
                   OR g > (SELECT coalesce(max(generation), 0) FROM score_generations))
            """;

    private final JdbcClient jdbc;
    private final Predicate<String> isBrokersLog;

    /** @param isBrokersLog whether a {@code score-generations} topic id is the broker's */
    public ScoreGenerations(JdbcClient jdbc, Predicate<String> isBrokersLog) {
        this.jdbc = jdbc;
        this.isBrokersLog = isBrokersLog;
    }

    /**
     * The generations whose results are to be written. Must run first inside the caller's
     * transaction; throws while the database does not follow the broker's log yet, so the batch is
     * retried.
     */
    public Set<Long> selectWritable(Collection<Long> generations) {
        if (generations.isEmpty()) {
            return Set.of();
        }
        jdbc.sql(LOCK).update();
        String followed = jdbc.sql("SELECT topic_id FROM score_generation_log")
                .query(String.class)
                .optional()
                .orElse(null);
        if (followed == null || !isBrokersLog.test(followed)) {
            throw new IllegalStateException(
                    "PostgreSQL does not follow this Kafka's score-generations yet; results wait until it does");
        }
        long[] array = generations.stream().mapToLong(Long::longValue).toArray();
        return new HashSet<>(jdbc.sql(WRITABLE)
                .param("generations", PgArrays.bigints(array))
                .query(Long.class)
                .list());
    }
}
