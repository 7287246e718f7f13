package dev.ratings.ingest.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.contract.WindowResultRows;
import dev.ratings.ingest.posts.DatabaseRebuildGate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WindowRepository {

    private final JdbcClient jdbc;
    private final DatabaseRebuildGate rebuild;

    WindowRepository(JdbcClient jdbc, DatabaseRebuildGate rebuild) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
    }

    /** The post's closed windows in the current generation, newest first. */
    List<WindowResult> latest(long postId, int limit) {
        rebuild.requireComplete();
        return jdbc.sql("SELECT w.* FROM post_rating_windows w " + WindowResultRows.CURRENT_GENERATION
                        + " WHERE w.post_id = :postId ORDER BY w.window_start DESC LIMIT :limit")
                .param("postId", postId)
                .param("limit", limit)
                .query((rs, row) -> WindowResultRows.map(rs))
                .list();
    }
}
