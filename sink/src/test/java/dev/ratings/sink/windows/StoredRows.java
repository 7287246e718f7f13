package dev.ratings.sink.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.contract.WindowResultRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the sink's tables back as window results, independently of the writer's SQL, with the
 * contract's row mapping (the one the ingest API reads with).
 */
public final class StoredRows {

    public static final String WINDOWS = "post_rating_windows";
    public static final String SCORES = "post_scores";

    private static final String SELECT = "SELECT * FROM %s";

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
        return new Row(WindowResultRows.map(rs), rs.getObject("written_at", OffsetDateTime.class));
    }
}
