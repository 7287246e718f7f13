package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.ingest.TestJwts;
import dev.ratings.testsupport.TemporaryDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Redis is only a cache: with nothing listening where it should be, ratings are still accepted. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ratings.kafka.partitions=1"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RedisDownIT {

    private static TemporaryDatabase database;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        database = TemporaryDatabase.create();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("ratings.redis.url", () -> "redis://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void ratingIsAcceptedAndPublishedAndReadsShowNoOwnRating() {
        Api api = new Api(port);
        long postId = api.createPost("no cache", "author");
        String alice = TestJwts.valid("alice");

        HttpResponse<String> accepted = api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 5}", alice);

        assertThat(accepted.statusCode()).isEqualTo(202);
        try (RatingsTopic ratings = new RatingsTopic(broker.getBrokersAsString())) {
            String ratingId = Api.json(accepted).get("ratingId").asString();
            assertThat(ratings.awaitRating(ratingId).value().userId()).isEqualTo("alice");
        }
        HttpResponse<String> read = api.get("/api/posts/" + postId, alice);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Api.json(read).get("myRating").isNull()).isTrue();
        assertThat(api.get("/api/posts", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void healthShowsRedisDownButTheServiceStaysReady() {
        Api api = new Api(port);

        JsonNode health = Api.json(api.get("/actuator/health", null));

        assertThat(health.get("components").get("redis").get("status").asString())
                .isEqualTo("DOWN");
        assertThat(health.get("components").get("kafka").get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
