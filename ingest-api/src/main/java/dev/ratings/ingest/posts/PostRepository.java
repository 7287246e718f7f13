package dev.ratings.ingest.posts;

import dev.ratings.contract.PostEvent;
import dev.ratings.contract.WindowResultRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PostRepository {

    /** Posts with their score row of the current generation, when there is one. */
    private static final String POSTS_WITH_SCORES = """
            SELECT p.id, p.title, p.body, p.created_at, w.*
            FROM posts p
            LEFT JOIN (post_scores w %s) ON w.post_id = p.id
            """.formatted(WindowResultRows.CURRENT_GENERATION);

    private final JdbcClient jdbc;
    private final DatabaseRebuildGate rebuild;

    PostRepository(JdbcClient jdbc, DatabaseRebuildGate rebuild) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
    }

    /** The row of a post published to {@code posts}; the sink may have written it first. */
    void insert(PostEvent post) {
        jdbc.sql("""
                        INSERT INTO posts (id, title, body, author_id, created_at)
                        VALUES (:id, :title, :body, :authorId, timestamptz 'epoch' + :createdAt * interval '1 millisecond')
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", post.id())
                .param("title", post.title())
                .param("body", post.body())
                .param("authorId", post.authorId())
                .param("createdAt", post.createdAt())
                .update();
    }

    /**
     * Rows with an id above {@code id}, in id order, as the events they were created as. Not
     * behind the rebuild gate: it is for publishing what the topic lacks, not for readers.
     */
    List<PostEvent> after(long id, int limit) {
        return jdbc.sql("""
                        SELECT id, title, body, author_id, (extract(epoch FROM created_at) * 1000)::bigint AS created_ms
                        FROM posts WHERE id > :id ORDER BY id LIMIT :limit
                        """)
                .param("id", id)
                .param("limit", limit)
                .query((rs, row) -> new PostEvent(
                        rs.getLong("id"),
                        rs.getString("title"),
                        rs.getString("body"),
                        rs.getString("author_id"),
                        rs.getLong("created_ms")))
                .list();
    }

    Optional<Post> find(long id) {
        rebuild.requireComplete();
        return jdbc.sql(POSTS_WITH_SCORES + "WHERE p.id = :id")
                .param("id", id)
                .query(PostRepository::post)
                .optional();
    }

    /** Newest first; ties (same instant) broken by id so pages never overlap. */
    List<Post> page(int page, int size) {
        rebuild.requireComplete();
        return jdbc.sql(POSTS_WITH_SCORES + "ORDER BY p.created_at DESC, p.id DESC LIMIT :size OFFSET :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PostRepository::post)
                .list();
    }

    long count() {
        rebuild.requireComplete();
        return jdbc.sql("SELECT count(*) FROM posts").query(Long.class).single();
    }

    boolean exists(long id) {
        rebuild.requireComplete();
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM posts WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static Post post(ResultSet rs, int row) throws SQLException {
        return new Post(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("body"),
                createdAt(rs),
                WindowResultRows.present(rs) ? WindowResultRows.map(rs) : null);
    }

    private static java.time.Instant createdAt(ResultSet rs) throws SQLException {
        return rs.getObject("created_at", OffsetDateTime.class).toInstant();
    }
}
