package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * No broker where Kafka should be (a closed loopback port): a rating is refused with 503 and
 * Retry-After within the 3 s send timeout, nothing is cached as accepted, its Idempotency-Key is
 * given up for the retry with the event's time kept, and the instance is not ready.
 */
@TestPropertySource(
        properties = {
            "ratings.kafka.send-timeout=PT3S",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            // no broker to create topics on: don't try at startup
            "spring.kafka.admin.auto-create=false"
        })
class KafkaDownIT extends RunningService {

    private static final Duration PROMISED = Duration.ofSeconds(3);

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }

    @Test
    void ratingIsRefusedWith503AndRetryAfterWithinTheSendTimeoutAndNothingIsCached() {
        long postId = existingPost("no broker");
        String alice = TestJwts.valid("alice");

        long started = System.nanoTime();
        HttpResponse<String> refused = api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 4}", alice);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(elapsed).isLessThan(PROMISED);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(refused).get("detail").asString()).startsWith("rating: Kafka did not acknowledge it");
        assertThat(Api.json(api.get("/api/posts/" + postId, alice))
                        .get("myRating")
                        .isNull())
                .isTrue();
        assertThat(redisKeyExists(redisPrefix + "user:alice:ratings")).isFalse();
        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(Metrics.value(metrics, "ratings_publish_failures_total", "reason=\"TimeoutException\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theKeyOfARefusedRatingIsGivenUpSoTheRetryIsNotAConflictAndKeepsTheFirstTrysTime() {
        long postId = existingPost("retry");
        String carol = TestJwts.valid("carol");
        String rate = "/api/posts/" + postId + "/rate";
        String key = redisPrefix + "idem:{carol}:k-1";

        HttpResponse<String> first = api.postJson(rate, "{\"rating\": 2}", carol, Map.of("Idempotency-Key", "k-1"));

        assertThat(first.statusCode()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(5)).until(() -> RedisKeys.call(redis -> redis.hget(key, "owner")) == null);
        String firstTry = RedisKeys.call(redis -> redis.hget(key, "at"));
        HttpResponse<String> retry = api.postJson(rate, "{\"rating\": 2}", carol, Map.of("Idempotency-Key", "k-1"));
        assertThat(retry.statusCode()).isEqualTo(503);
        String retried = RedisKeys.call(redis -> redis.hget(key, "at"));
        assertThat(retried).as("the retry published the first try's event").isEqualTo(firstTry);
    }

    @Test
    void creatingAPostIsRefusedWith503AndRetryAfterAndCreatesNothing() {
        long started = System.nanoTime();
        HttpResponse<String> refused =
                api.postJson("/api/posts", "{\"title\": \"t\", \"body\": \"\"}", TestJwts.valid("alice"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(elapsed).isLessThan(PROMISED.multipliedBy(2));
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(Api.json(refused).get("detail").asString()).startsWith("post: Kafka did not acknowledge it");
        assertThat(jdbc.sql("SELECT count(*) FROM posts WHERE title = 't'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A post created while Kafka was up: posts are created through Kafka, so it goes in directly. */
    private long existingPost(String title) {
        return jdbc.sql("""
                        INSERT INTO posts (id, title, body, author_id) VALUES (nextval('post_ids'), :title, '', 'author')
                        RETURNING id
                        """).param("title", title).query(Long.class).single();
    }

    @Test
    void withoutKafkaTheInstanceIsAliveButNotReady() {
        HttpResponse<String> readiness = management.get("/actuator/health/readiness", null);

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode components = Api.json(readiness).get("components");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("DOWN");
        assertThat(components.get("redis").get("status").asString()).isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness", null).statusCode())
                .isEqualTo(200);
    }

    private static boolean redisKeyExists(String key) {
        return RedisKeys.call(redis -> redis.exists(key)) > 0;
    }
}
