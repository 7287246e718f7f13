package dev.ratings.contract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Reads a row of {@code post_rating_windows} or {@code post_scores} (same columns, see the Flyway
 * migrations beside) back into a {@link WindowResult}, so that readers compute scores with the
 * contract's code and the row layout is spelled out once.
 */
public final class WindowResultRows {

    /**
     * The rows of the generation readers see: join a window table aliased {@code w} with this to
     * leave out generations still being built by a replay, or retired.
     */
    public static final String CURRENT_GENERATION =
            "JOIN score_generations g ON g.generation = w.generation AND g.state = 'current'";

    private WindowResultRows() {}

    /** True when the row has window columns (a left join may leave them all null). */
    public static boolean present(ResultSet rs) throws SQLException {
        return rs.getObject("generation") != null;
    }

    public static WindowResult map(ResultSet rs) throws SQLException {
        return new WindowResult(
                rs.getLong("post_id"),
                epochMillis(rs, "window_start"),
                epochMillis(rs, "window_end"),
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
    }

    private static long epochMillis(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }
}
