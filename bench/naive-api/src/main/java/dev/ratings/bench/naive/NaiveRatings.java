package dev.ratings.bench.naive;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The design the pipeline replaces: every rating is one PostgreSQL transaction that upserts the
 * user's rating and moves the post's count and sum. One statement (so one round trip) keeps the
 * baseline as fast as that design can be: a previous rating of the same user is read and locked,
 * replaced, and the post's totals move by the difference. The row of a post's totals is locked by
 * every rating of that post until commit, which is what hot posts cost this design.
 */
@Component
class NaiveRatings {

    static final String SAVE = """
            WITH previous AS (
                SELECT rating FROM naive_ratings WHERE post_id = ? AND user_id = ? FOR UPDATE
            ), saved AS (
                INSERT INTO naive_ratings (post_id, user_id, rating, rated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (post_id, user_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at
            )
            UPDATE naive_post_totals
            SET rating_count = rating_count + CASE WHEN EXISTS (SELECT 1 FROM previous) THEN 0 ELSE 1 END,
                rating_sum = rating_sum + ? - COALESCE((SELECT rating FROM previous), 0)
            WHERE post_id = ?
            """;

    private final JdbcTemplate jdbc;

    NaiveRatings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One autocommit statement, so one transaction; 404 when the post does not exist. */
    void save(RatingEvent event) {
        int updated;
        try {
            updated = jdbc.update(
                    SAVE,
                    event.postId(),
                    event.userId(),
                    event.postId(),
                    event.userId(),
                    event.rating(),
                    Timestamp.from(Instant.ofEpochMilli(event.acceptedAt())),
                    event.rating(),
                    event.postId());
        } catch (DataIntegrityViolationException noSuchPost) {
            throw notFound(event);
        }
        if (updated == 0) {
            throw notFound(event);
        }
    }

    private static NotFoundException notFound(RatingEvent event) {
        return new NotFoundException("postId: there is no post " + event.postId());
    }
}
