package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreParameters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/generations}: the generations as PostgreSQL holds them, for operators and for
 * {@code ./ratings replay}, which polls it to see the switch happen. Row counts use the primary
 * keys, which start with the generation, so a retired generation costs an index probe.
 */
@RestController
class GenerationsController {

    private static final JsonSerde<GenerationEvent> EVENTS = JsonSerde.of(GenerationEvent.class);

    private static final String GENERATIONS = """
            SELECT g.generation, g.state, g.started_by, g.first_seen_at, g.activated_at, g.changed_at,
                   w.windows, w.rating_events,
                   (SELECT count(*) FROM post_scores s WHERE s.generation = g.generation) AS scores
            FROM score_generations g,
                 LATERAL (SELECT count(*) AS windows, coalesce(sum(ratings_in_window), 0) AS rating_events
                          FROM post_rating_windows w WHERE w.generation = g.generation) w
            ORDER BY g.generation
            """;

    private final JdbcClient jdbc;
    private final GenerationStore store;

    GenerationsController(JdbcClient jdbc, GenerationStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @GetMapping({"/admin/generations", "/admin/generations/"})
    Report generations() {
        List<Generation> generations =
                jdbc.sql(GENERATIONS).query(GenerationsController::generation).list();
        Long current = generations.stream()
                .filter(generation -> generation.state().equals("current"))
                .map(Generation::generation)
                .findFirst()
                .orElse(null);
        return new Report(current, store.position().orElse(null), generations);
    }

    private static Generation generation(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(GenerationStore.TABLES.get(0), rs.getLong("windows"));
        rows.put(GenerationStore.TABLES.get(1), rs.getLong("scores"));
        String startedBy = rs.getString("started_by");
        GenerationEvent started = startedBy == null ? null : EVENTS.read(startedBy);
        return new Generation(
                rs.getLong("generation"),
                rs.getString("state"),
                started == null ? null : started.parameters(),
                started == null ? null : started.graceMs(),
                instant(rs, "first_seen_at"),
                instant(rs, "activated_at"),
                instant(rs, "changed_at"),
                rows,
                rs.getLong("rating_events"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * @param current the generation readers see, null if none
     * @param log which {@code score-generations} PostgreSQL follows and the offset of the next event
     *     to apply; null before the sink has read it
     * @param generations every generation, oldest first
     */
    record Report(@Nullable Long current, @Nullable LogPosition log, List<Generation> generations) {}

    /**
     * @param state {@code building}, {@code current} or {@code retired}
     * @param parameters what it computes with, from the event that started it
     * @param firstSeenAt when the sink first recorded it
     * @param activatedAt when it last became current in PostgreSQL (null if never)
     * @param changedAt the {@code changedAt} of the last event applied to it (information only)
     * @param rows rows per table
     * @param ratingEvents rating events counted in its closed windows (re-ratings included)
     */
    record Generation(
            long generation,
            String state,
            @Nullable ScoreParameters parameters,
            @Nullable Long graceMs,
            Instant firstSeenAt,
            @Nullable Instant activatedAt,
            @Nullable Instant changedAt,
            Map<String, Long> rows,
            long ratingEvents) {}
}
