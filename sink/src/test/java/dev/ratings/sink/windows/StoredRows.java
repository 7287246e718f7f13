package dev.ratings.sink.windows;

import dev.ratings.contract.WindowResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the sink's tables back as window results, independently of the writer's SQL: instants via
 * {@code extract(epoch ...)} (exact numeric), doubles as stored.
 */
public final class StoredRows {

    public static final String WINDOWS = "post_rating_windows";
    public static final String SCORES = "post_scores";

    private static final String SELECT = """
            SELECT generation, post_id,
                   (extract(epoch FROM window_start) * 1000)::bigint AS window_start_ms,
                   (extract(epoch FROM window_end) * 1000)::bigint AS window_end_ms,
                   ratings_in_window, new_raters, burst_weight, baseline, rating_count, rating_sum,
                   raw_average, weighted_count, weighted_sum, target, score, algorithm,
                   window_size_ms, decay_factor, prior_mean, prior_weight, burst_factor,
                   burst_floor, baseline_smoothing, written_at
            FROM %s
            """;

    private StoredRows() {}

    /** A row with its bookkeeping timestamp. */
    public record Row(WindowResult result, OffsetDateTime writtenAt) {}

    /** Every row of the table, ordered by key. */
    public static List<Row> all(JdbcClient jdbc, String table) {
        return jdbc.sql(SELECT.formatted(table) + " ORDER BY generation, post_id, window_start")
                .query(StoredRows::row)
                .list();
    }

    /** Every row of the table minus {@code written_at}, ordered by key. */
    public static List<WindowResult> results(JdbcClient jdbc, String table) {
        return all(jdbc, table).stream().map(Row::result).toList();
    }

    /** The rows of the given posts minus {@code written_at}, ordered by key. */
    public static List<WindowResult> resultsOfPosts(JdbcClient jdbc, String table, List<Long> postIds) {
        return results(jdbc, table).stream()
                .filter(result -> postIds.contains(result.postId()))
                .toList();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        WindowResult result = new WindowResult(
                rs.getLong("post_id"),
                rs.getLong("window_start_ms"),
                rs.getLong("window_end_ms"),
                rs.getLong("ratings_in_window"),
                rs.getLong("new_raters"),
                rs.getDouble("burst_weight"),
                rs.getDouble("baseline"),
                rs.getLong("rating_count"),
                rs.getLong("rating_sum"),
                rs.getDouble("raw_average"),
                rs.getDouble("weighted_count"),
                rs.getDouble("weighted_sum"),
                rs.getDouble("target"),
                rs.getDouble("score"),
                rs.getString("algorithm"),
                rs.getLong("window_size_ms"),
                rs.getDouble("decay_factor"),
                rs.getDouble("prior_mean"),
                rs.getDouble("prior_weight"),
                rs.getDouble("burst_factor"),
                rs.getDouble("burst_floor"),
                rs.getDouble("baseline_smoothing"),
                rs.getLong("generation"));
        return new Row(result, rs.getObject("written_at", OffsetDateTime.class));
    }
}
