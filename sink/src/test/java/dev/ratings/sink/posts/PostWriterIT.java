package dev.ratings.sink.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.PostEvent;
import dev.ratings.sink.MigratedDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The posts writer against the real PostgreSQL, a fresh database with the contract's schema per test. */
class PostWriterIT {

    private static final long CREATED_AT = 1_767_225_600_123L;

    private MigratedDatabase database;
    private JdbcClient jdbc;
    private PostWriter writer;

    @BeforeEach
    void createDatabase() {
        database = MigratedDatabase.create();
        jdbc = database.jdbc();
        writer = new PostWriter(jdbc);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void everyFieldIsStoredWithTheIdTheEventCarries() {
        writer.write(List.of(new PostEvent(42, "Hello \uD83D\uDE00", "", "alice@example.org", CREATED_AT)));

        assertThat(rows())
                .containsExactly(Map.of(
                        "id", 42L,
                        "title", "Hello \uD83D\uDE00",
                        "body", "",
                        "author_id", "alice@example.org",
                        "created_ms", CREATED_AT));
    }

    @Test
    void writingABatchAgainChangesNothing() {
        List<PostEvent> batch = List.of(post(1, "one"), post(2, "two"));
        writer.write(batch);

        int written = writer.write(batch);

        assertThat(written).isZero();
        assertThat(rows()).hasSize(2);
    }

    @Test
    void aRepeatWithinOneBatchIsWrittenOnce() {
        int written = writer.write(List.of(post(3, "three"), post(3, "three")));

        assertThat(written).isEqualTo(1);
        assertThat(rows()).hasSize(1);
    }

    @Test
    void aRowTheIngestApiWroteFirstIsKept() {
        jdbc.sql("INSERT INTO posts (id, title, body, author_id, created_at)"
                        + " VALUES (5, 'five', '', 'alice', timestamptz 'epoch' + :ms * interval '1 millisecond')")
                .param("ms", CREATED_AT)
                .update();

        int written = writer.write(List.of(post(5, "five"), post(6, "six")));

        assertThat(written).isEqualTo(1);
        assertThat(rows()).extracting(row -> row.get("id")).containsExactly(5L, 6L);
    }

    private static PostEvent post(long id, String title) {
        return new PostEvent(id, title, "body of " + title, "alice", CREATED_AT + id);
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                        SELECT id, title, body, author_id,
                               (extract(epoch FROM created_at) * 1000)::bigint AS created_ms
                        FROM posts ORDER BY id
                        """).query().listOfRows();
    }
}
