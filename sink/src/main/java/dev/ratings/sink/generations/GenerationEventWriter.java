package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.sink.postgres.PgArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a {@code score-generations} event to PostgreSQL in one transaction: the states decided by
 * {@link GenerationTransition}, then the deletion of every retired generation's rows, so that after
 * any event no retired generation keeps rows (old generations are cleaned up).
 *
 * <p>The transaction starts by locking {@code score_generations} against writers. The window writer
 * records generations at the start of its own transaction, so the two never overlap: a batch cannot
 * write rows of a generation while it is being retired and its rows deleted, and a batch that waited
 * sees the new states. Readers are not blocked.
 */
@Component
class GenerationEventWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationEventWriter.class);

    static final List<String> TABLES = List.of("post_rating_windows", "post_scores");

    private static final String LOCK = "LOCK TABLE score_generations IN SHARE ROW EXCLUSIVE MODE";

    private static final String KNOWN = """
            SELECT generation, state, (extract(epoch FROM changed_at) * 1000)::bigint AS changed_at_ms
            FROM score_generations
            """;

    /** A generation becoming current is activated now; one becoming building again was never active. */
    private static final String WRITE = """
            INSERT INTO score_generations AS g (generation, state, activated_at, changed_at)
            VALUES (:generation, :state, CASE WHEN :state = 'current' THEN now() END,
                    timestamptz 'epoch' + :changedAt * interval '1 millisecond')
            ON CONFLICT (generation) DO UPDATE SET
                state = EXCLUDED.state,
                changed_at = EXCLUDED.changed_at,
                activated_at = CASE
                    WHEN EXCLUDED.state = 'current' AND g.state <> 'current' THEN now()
                    WHEN EXCLUDED.state = 'building' THEN NULL
                    ELSE g.activated_at END
            """;

    private static final String DELETE_ROWS = "DELETE FROM %s WHERE generation = ANY(:generations)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Counter switches;
    private final Counter staleEvents;
    private final List<Counter> rowsDeleted;

    GenerationEventWriter(JdbcClient jdbc, TransactionTemplate transaction, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.switches = Counter.builder("ratings.sink.generations.switched")
                .description("Times another generation became the current one")
                .register(registry);
        this.staleEvents = Counter.builder("ratings.sink.generations.stale.events")
                .description("score-generations events older than what the database knows, ignored")
                .register(registry);
        this.rowsDeleted = TABLES.stream()
                .map(table -> Counter.builder("ratings.sink.generations.rows.deleted")
                        .tag("table", table)
                        .description("Rows of retired generations deleted")
                        .register(registry))
                .toList();
    }

    /** Applies the event in one transaction; throws (and changes nothing) if the database fails. */
    Outcome apply(GenerationEvent event) {
        Outcome outcome = transaction.execute(status -> applyInTransaction(event));
        // counted after the commit, so an event retried after a rollback is not counted twice
        if (outcome.transition().switched()) {
            switches.increment();
        }
        if (outcome.transition().stale()) {
            staleEvents.increment();
        }
        for (int i = 0; i < TABLES.size(); i++) {
            rowsDeleted.get(i).increment(outcome.rowsDeleted().get(i));
        }
        log(event, outcome);
        return outcome;
    }

    private Outcome applyInTransaction(GenerationEvent event) {
        jdbc.sql(LOCK).update();
        List<GenerationTransition.Known> known =
                jdbc.sql(KNOWN).query(GenerationEventWriter::known).list();
        GenerationTransition transition = GenerationTransition.of(known, event);
        for (GenerationTransition.Change change : transition.changes()) {
            jdbc.sql(WRITE)
                    .param("generation", change.generation())
                    .param("state", text(change.state()))
                    .param("changedAt", event.changedAt())
                    .update();
        }
        long[] retired = transition.retiredAfter(known).stream()
                .mapToLong(Long::longValue)
                .toArray();
        List<Integer> deleted = TABLES.stream()
                .map(table -> retired.length == 0
                        ? 0
                        : jdbc.sql(DELETE_ROWS.formatted(table))
                                .param("generations", PgArrays.bigints(retired))
                                .update())
                .toList();
        return new Outcome(transition, deleted);
    }

    private static void log(GenerationEvent event, Outcome outcome) {
        GenerationTransition transition = outcome.transition();
        if (transition.stale()) {
            LOG.warn(
                    "Ignored {} of generation {} changed at {}: the database knows of a newer change "
                            + "(part of score-generations is being read again)",
                    event.state(),
                    event.generation(),
                    event.changedAt());
        } else if (!transition.changes().isEmpty()) {
            LOG.info(
                    "Applied {} of generation {}: {}; deleted {} window rows and {} score rows of retired generations",
                    event.state(),
                    event.generation(),
                    transition.changes().stream()
                            .map(change -> change.generation() + " " + text(change.state()))
                            .collect(Collectors.joining(", ")),
                    outcome.rowsDeleted().get(0),
                    outcome.rowsDeleted().get(1));
        }
    }

    static String text(GenerationState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static GenerationTransition.Known known(ResultSet rs, int rowNum) throws SQLException {
        return new GenerationTransition.Known(
                rs.getLong("generation"),
                GenerationState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getObject("changed_at_ms", Long.class));
    }

    /**
     * What an event changed.
     *
     * @param rowsDeleted rows deleted per table, in the order of {@link #TABLES}
     */
    record Outcome(GenerationTransition transition, List<Integer> rowsDeleted) {}
}
