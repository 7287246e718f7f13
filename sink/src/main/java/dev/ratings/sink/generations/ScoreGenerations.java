package dev.ratings.sink.generations;

import dev.ratings.sink.postgres.PgArrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The result side of {@code score_generations}: records each generation the first time a result of
 * it arrives and says which generations may still be written.
 *
 * <p>{@code score-generations} decides the life of a generation ({@link GenerationEventWriter}); this
 * rule only covers results that arrive before the sink has applied their generation's first event.
 * The first generation ever seen becomes {@code current} (if there is no current one); any other
 * unknown one starts as {@code building}, kept apart until its events say whether it becomes
 * current or is retired. Results of a retired generation are stale: writing them could only bring
 * back scores that were replaced.
 *
 * <p>Call it first inside the transaction that writes the results, so a generation is recorded
 * exactly when its first rows are. Its statements lock {@code score_generations} for writing until
 * the commit, which keeps the event writer from retiring a generation (and deleting its rows) while
 * a batch writes to it. The partial unique index on {@code state = 'current'} makes two sink
 * instances racing for the first generation safe: the loser's insert does nothing and its next
 * statement sees the winner's row.
 */
@Component
public class ScoreGenerations {

    /** The lowest new generation of the batch becomes current, if there is no current one yet. */
    private static final String REGISTER_FIRST_AS_CURRENT = """
            INSERT INTO score_generations (generation, state, activated_at)
            SELECT min(g), 'current', now()
            FROM unnest(:generations) AS g
            HAVING NOT EXISTS (SELECT 1 FROM score_generations WHERE state = 'current')
            ON CONFLICT DO NOTHING
            """;

    private static final String REGISTER_OTHERS = """
            INSERT INTO score_generations (generation, state)
            SELECT g, 'building'
            FROM unnest(:generations) AS g
            ON CONFLICT DO NOTHING
            """;

    private static final String WRITABLE = """
            SELECT generation
            FROM score_generations
            WHERE generation = ANY(:generations) AND state <> 'retired'
            """;

    private final JdbcClient jdbc;

    public ScoreGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the generations not seen before and returns those whose results are to be written.
     * Must run inside the caller's transaction.
     */
    public Set<Long> registerAndSelectWritable(Collection<Long> generations) {
        if (generations.isEmpty()) {
            return Set.of();
        }
        long[] array = generations.stream().mapToLong(Long::longValue).toArray();
        jdbc.sql(REGISTER_FIRST_AS_CURRENT)
                .param("generations", PgArrays.bigints(array))
                .update();
        jdbc.sql(REGISTER_OTHERS).param("generations", PgArrays.bigints(array)).update();
        return new HashSet<>(jdbc.sql(WRITABLE)
                .param("generations", PgArrays.bigints(array))
                .query(Long.class)
                .list());
    }
}
