package dev.ratings.ingest.posts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code post_ids} in PostgreSQL. PostgreSQL cannot move a sequence only forward in one step, so
 * moving it takes an advisory lock that every {@code nextval} shares: no id is given between reading
 * the sequence and setting it, and it never moves back below an id given meanwhile.
 */
@Repository
class PostIdSequence implements PostIds.Sequence {

    /** Any fixed number: the lock's name. */
    private static final long LOCK = 0x706f73745f696473L; // "post_ids"

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    PostIdSequence(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public long next() {
        return transaction.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock_shared(:lock)")
                    .param("lock", LOCK)
                    .query()
                    .listOfRows();
            return jdbc.sql("SELECT nextval('post_ids')").query(Long.class).single();
        });
    }

    @Override
    public void moveAbove(long floor) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:lock)")
                    .param("lock", LOCK)
                    .query()
                    .listOfRows();
            jdbc.sql("""
                            SELECT setval('post_ids', target)
                            FROM (SELECT greatest(:floor, (SELECT coalesce(max(id), 0) FROM posts)) AS target) t,
                                 (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS given
                                  FROM post_ids) s
                            WHERE target > given
                            """).param("floor", floor).query().listOfRows();
        });
    }
}
