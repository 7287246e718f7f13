package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.TestJwts;
import dev.ratings.testsupport.TemporaryDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is only a cache: when it loses everything, the users' ratings come back from Kafka. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ratings.kafka.partitions=2",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.cache.check-interval=PT0.3S"
        })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext
class RatingCacheRebuildIT {

    private static final String PREFIX = RedisKeys.uniquePrefix();
    private static TemporaryDatabase database;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        database = TemporaryDatabase.create();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("ratings.redis.key-prefix", () -> PREFIX);
    }

    @AfterAll
    static void cleanUp() {
        RedisKeys.deleteAll(PREFIX);
        database.close();
    }

    @Test
    void afterRedisLostEverythingMyRatingComesBackFromKafkaWithTheLatestRating() {
        Api api = new Api(port);
        long postId = api.createPost("remembered", "author");
        String alice = TestJwts.valid("alice");
        String bob = TestJwts.valid("bob");
        String rate = "/api/posts/" + postId + "/rate";
        assertThat(api.postJson(rate, "{\"rating\": 2}", alice).statusCode()).isEqualTo(202);
        assertThat(api.postJson(rate, "{\"rating\": 4}", alice).statusCode()).isEqualTo(202);
        assertThat(api.postJson(rate, "{\"rating\": 5}", bob).statusCode()).isEqualTo(202);
        assertThat(myRating(api, postId, alice)).isEqualTo("4");

        assertThat(RedisKeys.deleteAll(PREFIX))
                .as("everything under our prefix is gone")
                .isPositive();

        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(myRating(api, postId, alice)));
        assertThat(myRating(api, postId, bob)).isEqualTo("5");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.valueOf(marker()).startsWith("rebuilt at"));
        assertThat(marker()).contains("3 ratings");
    }

    private static String myRating(Api api, long postId, String token) {
        return Api.json(api.get("/api/posts/" + postId, token)).get("myRating").asString();
    }

    private static String marker() {
        RedisClient client = RedisClient.create(RedisKeys.URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().get(PREFIX + "cache:filled");
        } finally {
            client.shutdown();
        }
    }
}
