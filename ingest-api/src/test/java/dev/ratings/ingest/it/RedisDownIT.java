package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis is only a cache and a guard: with nothing listening where it should be, ratings are still
 * accepted and published, the rate limit and Idempotency-Key checks fail open (counted), and health
 * says so without taking the instance out of rotation.
 */
@TestPropertySource(
        properties = {"ratings.kafka.partitions=1", "ratings.rate-limit.burst=2", "ratings.rate-limit.per-second=1"})
class RedisDownIT extends RunningServiceWithBroker {

    @DynamicPropertySource
    static void noRedis(DynamicPropertyRegistry registry) {
        registry.add("ratings.redis.url", () -> "redis://127.0.0.1:" + closedPort());
    }

    @Test
    void ratingIsAcceptedAndPublishedAndReadsShowNoOwnRating() {
        long postId = api.createPost("no cache", "author");
        String alice = TestJwts.valid("alice");

        HttpResponse<String> accepted = api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 5}", alice);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String ratingId = Api.json(accepted).get("ratingId").asString();
        assertThat(ratings().awaitRating(ratingId).value().userId()).isEqualTo("alice");
        HttpResponse<String> read = api.get("/api/posts/" + postId, alice);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(Api.json(read).get("myRating").isNull()).isTrue();
        assertThat(api.get("/api/posts", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutRedisTheRateLimitAndIdempotencyKeysFailOpenAndAreCounted() {
        long postId = api.createPost("fail open", "author");
        String bob = TestJwts.valid("bob");
        String rate = "/api/posts/" + postId + "/rate";

        // twice the burst, and the same key four times: all accepted, all published
        List<String> ratingIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> accepted = api.postJson(rate, "{\"rating\": 3}", bob, Map.of("Idempotency-Key", "k"));
            assertThat(accepted.statusCode()).isEqualTo(202);
            ratingIds.add(Api.json(accepted).get("ratingId").asString());
        }

        // unchecked, but not uncounted: the key names the event, so the four are one rating
        // event published four times, which the stream processor counts once
        assertThat(Set.copyOf(ratingIds)).hasSize(1);
        ratings().awaitRating(ratingIds.get(0));
        assertThat(ratings().readToEnd())
                .filteredOn(record -> record.key().equals(Long.toString(postId)))
                .extracting(ConsumerRecord::value)
                .extracting(RatingEvent::ratingId, RatingEvent::userId, RatingEvent::rating)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(UUID.fromString(ratingIds.get(0)), "bob", 3))
                .hasSize(4);
        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(Metrics.value(metrics, "ratings_rate_limit_fail_open_total", "action=\"rate\""))
                .isGreaterThanOrEqualTo(4);
        assertThat(Metrics.value(metrics, "ratings_idempotency_fail_open_total", "operation=\"admit\""))
                .isGreaterThanOrEqualTo(4);
        assertThat(Metrics.value(metrics, "ratings_rate_limited_total", "action=\"rate\""))
                .isZero();
    }

    @Test
    void healthShowsRedisDegradedAndTheServiceStaysReady() {
        JsonNode health = Api.json(management.get("/actuator/health", null));
        HttpResponse<String> readiness = management.get("/actuator/health/readiness", null);

        JsonNode redis = health.get("components").get("redis");
        assertThat(redis.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(redis.get("details").get("impact").asString()).contains("ratings are still accepted");
        assertThat(health.get("components").get("kafka").get("status").asString())
                .isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = Api.json(readiness);
        assertThat(ready.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(ready.get("components").propertyNames()).contains("redis", "kafka", "db");
        assertThat(management.get("/actuator/health/liveness", null).statusCode())
                .isEqualTo(200);
    }
}
