package dev.ratings.sink.posts;

import dev.ratings.contract.PostEvent;
import dev.ratings.sink.postgres.PgArrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a batch of posts with one statement. A post never changes once created, so a row that is
 * there already (written by the ingest API at creation, or by an earlier delivery) is left as it is:
 * writing a batch again changes nothing, which is what lets the table be rebuilt from the topic.
 */
@Component
class PostWriter {

    static final String INSERT = """
            INSERT INTO posts (id, title, body, author_id, created_at)
            SELECT p.id, p.title, p.body, p.author_id, timestamptz 'epoch' + p.created_at * interval '1 millisecond'
            FROM unnest(:id, :title, :body, :authorId, :createdAt) AS p(id, title, body, author_id, created_at)
            ON CONFLICT (id) DO NOTHING
            """;

    private final JdbcClient jdbc;

    PostWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many rows were new. */
    int write(List<PostEvent> posts) {
        // a repeated key in one batch is a redelivery of the same post: DO NOTHING takes it once
        return jdbc.sql(INSERT)
                .param(
                        "id",
                        PgArrays.bigints(posts.stream().mapToLong(PostEvent::id).toArray()))
                .param(
                        "title",
                        PgArrays.texts(posts.stream().map(PostEvent::title).toArray(String[]::new)))
                .param(
                        "body",
                        PgArrays.texts(posts.stream().map(PostEvent::body).toArray(String[]::new)))
                .param(
                        "authorId",
                        PgArrays.texts(posts.stream().map(PostEvent::authorId).toArray(String[]::new)))
                .param(
                        "createdAt",
                        PgArrays.bigints(
                                posts.stream().mapToLong(PostEvent::createdAt).toArray()))
                .update();
    }
}
