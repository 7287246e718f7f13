package dev.ratings.bench.naive;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The naive design's tables, beside the contract's (which Flyway creates): each user's rating of a
 * post, and each post's running count and sum, one row per existing post.
 */
@Component
class NaiveSchema implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    NaiveSchema(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS naive_ratings (
                    post_id  bigint      NOT NULL REFERENCES posts (id),
                    user_id  varchar(64) NOT NULL,
                    rating   smallint    NOT NULL,
                    rated_at timestamptz NOT NULL,
                    PRIMARY KEY (post_id, user_id)
                )""");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS naive_post_totals (
                    post_id      bigint PRIMARY KEY REFERENCES posts (id),
                    rating_count bigint NOT NULL,
                    rating_sum   bigint NOT NULL
                )""");
    }
}
