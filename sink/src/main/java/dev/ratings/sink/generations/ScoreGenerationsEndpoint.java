package dev.ratings.sink.generations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/scoregenerations}: the generations as PostgreSQL holds them, for operators
 * and for {@code ./ratings replay}, which polls it to see the switch happen. Row counts use the
 * primary keys, which start with the generation, so a retired generation costs an index probe.
 */
@Component
@Endpoint(id = "scoregenerations")
public class ScoreGenerationsEndpoint {

    private static final String GENERATIONS = """
            SELECT g.generation, g.state, g.first_seen_at, g.activated_at, g.changed_at,
                   (SELECT count(*) FROM post_rating_windows w WHERE w.generation = g.generation) AS windows,
                   (SELECT count(*) FROM post_scores s WHERE s.generation = g.generation) AS scores
            FROM score_generations g
            ORDER BY g.generation
            """;

    private final JdbcClient jdbc;

    ScoreGenerationsEndpoint(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ReadOperation
    public Report generations() {
        List<Generation> generations = jdbc.sql(GENERATIONS)
                .query(ScoreGenerationsEndpoint::generation)
                .list();
        Long current = generations.stream()
                .filter(generation -> generation.state().equals("current"))
                .map(Generation::generation)
                .findFirst()
                .orElse(null);
        return new Report(current, generations);
    }

    private static Generation generation(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(GenerationEventWriter.TABLES.get(0), rs.getLong("windows"));
        rows.put(GenerationEventWriter.TABLES.get(1), rs.getLong("scores"));
        return new Generation(
                rs.getLong("generation"),
                rs.getString("state"),
                instant(rs, "first_seen_at"),
                instant(rs, "activated_at"),
                instant(rs, "changed_at"),
                rows);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * @param current the generation readers see, null if none
     * @param generations every generation, oldest first
     */
    public record Report(@Nullable Long current, List<Generation> generations) {}

    /**
     * @param state {@code building}, {@code current} or {@code retired}
     * @param firstSeenAt when the sink first recorded it
     * @param activatedAt when it last became current in PostgreSQL (null if never)
     * @param changedAt when the stream processor made the last change the sink applied (null if the
     *     generation is known only from its results)
     * @param rows rows per table
     */
    public record Generation(
            long generation,
            String state,
            Instant firstSeenAt,
            @Nullable Instant activatedAt,
            @Nullable Instant changedAt,
            Map<String, Long> rows) {}
}
