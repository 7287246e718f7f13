package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Change;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.JsonSerde;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code score_generations} and {@code score_generation_log} as SQL: where the database stands in
 * the log, the lifecycle it has applied so far, and the writes an applied event makes. Every method
 * runs in its caller's transaction.
 */
@Component
class GenerationStore {

    static final List<String> TABLES = List.of("post_rating_windows", "post_scores");

    /**
     * Taken first by every transaction that applies an event. The window writer takes a SHARE lock
     * first in its own transactions, so the two never overlap: a batch cannot write rows of a
     * generation while it is being retired and its rows deleted. Readers are not blocked.
     */
    private static final String LOCK = "LOCK TABLE score_generations IN SHARE ROW EXCLUSIVE MODE";

    private static final JsonSerde<GenerationEvent> EVENTS = JsonSerde.of(GenerationEvent.class);

    private final JdbcClient jdbc;

    GenerationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lock() {
        jdbc.sql(LOCK).update();
    }

    Optional<LogPosition> position() {
        return jdbc.sql("SELECT topic_id, next_offset FROM score_generation_log")
                .query((rs, row) -> new LogPosition(rs.getString("topic_id"), rs.getLong("next_offset")))
                .optional();
    }

    void savePosition(LogPosition position) {
        jdbc.sql("""
                        INSERT INTO score_generation_log (topic_id, next_offset) VALUES (:topicId, :nextOffset)
                        ON CONFLICT (only_row) DO UPDATE SET topic_id = EXCLUDED.topic_id, next_offset = EXCLUDED.next_offset
                        """)
                .param("topicId", position.topicId())
                .param("nextOffset", position.nextOffset())
                .update();
    }

    /** The generations as the events applied so far left them. */
    GenerationLifecycle lifecycle() {
        return GenerationLifecycle.of(jdbc.sql("SELECT generation, state, started_by FROM score_generations")
                .query(GenerationStore::generation)
                .list());
    }

    /** Writes one change of an applied event; a generation leaving the current state first. */
    void write(Change change, GenerationEvent event) {
        jdbc.sql("""
                        INSERT INTO score_generations AS g (generation, state, started_by, activated_at, changed_at)
                        VALUES (:generation, :state, CAST(:startedBy AS jsonb),
                                CASE WHEN :state = 'current' THEN now() END,
                                timestamptz 'epoch' + :changedAt * interval '1 millisecond')
                        ON CONFLICT (generation) DO UPDATE SET
                            state = EXCLUDED.state,
                            changed_at = EXCLUDED.changed_at,
                            activated_at = coalesce(EXCLUDED.activated_at, g.activated_at)
                        """)
                .param("generation", change.generation())
                .param("state", text(change.to()))
                .param("startedBy", EVENTS.write(event))
                .param("changedAt", event.changedAt())
                .update();
    }

    /** Deletes a generation's rows from one table; returns how many. */
    int deleteRows(String table, long generation) {
        return jdbc.sql("DELETE FROM " + table + " WHERE generation = :generation")
                .param("generation", generation)
                .update();
    }

    /** Deletes every row of one table: they belong to another log. */
    int deleteAllRows(String table) {
        return jdbc.sql("DELETE FROM " + table).update();
    }

    /** Forgets every generation's state: the log they came from is to be applied from its start. */
    void forgetGenerations() {
        jdbc.sql("DELETE FROM score_generations").update();
    }

    static String text(GenerationState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Generation generation(ResultSet rs, int row) throws SQLException {
        String startedBy = rs.getString("started_by");
        if (startedBy == null) {
            throw new IllegalStateException("generation " + rs.getLong("generation")
                    + " has no started_by: score_generations was not written from the log");
        }
        return new Generation(
                rs.getLong("generation"),
                GenerationState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                EVENTS.read(startedBy));
    }
}
