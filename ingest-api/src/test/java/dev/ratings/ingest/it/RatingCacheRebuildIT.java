package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.TestJwts;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Redis is only a cache: when it loses everything, the users' ratings come back from Kafka. */
@TestPropertySource(
        properties = {
            "ratings.kafka.partitions=2",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.cache.check-interval=PT0.3S"
        })
class RatingCacheRebuildIT extends RunningServiceWithBroker {

    @Test
    void afterRedisLostEverythingMyRatingComesBackFromKafkaWithTheLatestRating() {
        long postId = api.createPost("remembered", "author");
        String alice = TestJwts.valid("alice");
        String bob = TestJwts.valid("bob");
        String rate = "/api/posts/" + postId + "/rate";
        assertThat(api.postJson(rate, "{\"rating\": 2}", alice).statusCode()).isEqualTo(202);
        assertThat(api.postJson(rate, "{\"rating\": 4}", alice).statusCode()).isEqualTo(202);
        assertThat(api.postJson(rate, "{\"rating\": 5}", bob).statusCode()).isEqualTo(202);
        assertThat(myRating(postId, alice)).isEqualTo("4");

        assertThat(RedisKeys.deleteAll(redisPrefix))
                .as("everything under our prefix is gone")
                .isPositive();

        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(myRating(postId, alice)));
        assertThat(myRating(postId, bob)).isEqualTo("5");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> String.valueOf(marker()).startsWith("rebuilt at"));
        assertThat(marker()).contains("3 ratings");
    }

    private String myRating(long postId, String token) {
        return Api.json(api.get("/api/posts/" + postId, token)).get("myRating").asString();
    }

    private static String marker() {
        return RedisKeys.call(redis -> redis.get(redisPrefix + "cache:filled"));
    }
}
