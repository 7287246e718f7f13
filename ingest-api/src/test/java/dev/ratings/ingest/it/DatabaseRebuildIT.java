package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.DatabaseRebuild;
import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * While the sink rebuilds the database from Kafka (its mark is there), what the API would read from
 * the tables is refused with 503 and Retry-After, not answered from half-filled tables; what needs
 * no read (a rating of a post already known, a new post) goes on. The mark gone, reads answer again.
 */
class DatabaseRebuildIT extends RunningServiceWithBroker {

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void unmark() {
        jdbc.sql(DatabaseRebuild.CLEAR).update();
    }

    @Test
    void readsAre503WhileTheDatabaseIsMarkedAndAnswerAgainOnceTheMarkIsGone() {
        String alice = TestJwts.valid("alice");
        long known = api.createPost("known before the rebuild", "alice");
        assertThat(api.get("/api/posts/" + known, alice).statusCode()).isEqualTo(200);

        jdbc.sql(DatabaseRebuild.MARK).update();

        HttpResponse<String> list = await().atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/posts", alice), response -> response.statusCode() == 503);
        assertThat(list.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(list).get("detail").asString()).startsWith("database: being rebuilt from Kafka");
        assertThat(api.get("/api/posts/" + known, alice).statusCode()).isEqualTo(503);
        assertThat(api.get("/api/posts/" + known + "/windows", alice).statusCode())
                .isEqualTo(503);
        // an id it has not seen may exist in the log but not yet in the table: not a 404
        assertThat(api.postJson("/api/posts/" + (known + 1000) + "/rate", "{\"rating\": 3}", alice)
                        .statusCode())
                .isEqualTo(503);
        assertThat(api.postJson("/api/posts/" + known + "/rate", "{\"rating\": 4}", alice)
                        .statusCode())
                .isEqualTo(202);
        long created = api.createPost("created during the rebuild", "alice");
        assertThat(created).isGreaterThan(known);

        jdbc.sql(DatabaseRebuild.CLEAR).update();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/api/posts", alice).statusCode() == 200);
        assertThat(api.get("/api/posts/" + created, alice).statusCode()).isEqualTo(200);
    }
}
