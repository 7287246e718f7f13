package dev.ratings.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.OwnRedis;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token bucket of post creation and reads against a redis-server of the test's own: a bucket
 * per subject and action, a wait that says when the next request is allowed, fail open (counted)
 * without Redis, and the limit still held when Redis is full.
 */
class RedisRateLimiterIT {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private OwnRedis own;
    private SharedRedisConnection redis;

    @BeforeEach
    void start() {
        own = OwnRedis.start();
        redis = new SharedRedisConnection(settings(own.url()));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.connection().isPresent());
    }

    @AfterEach
    void stop() {
        redis.destroy();
        own.close();
    }

    @Test
    void eachSubjectAndEachActionHasABucketOfItsOwn() {
        RedisRateLimiter reads = limiter(redis, "read");
        RedisRateLimiter posts = limiter(redis, "post");
        reads.take("203.0.113.9");
        reads.take("203.0.113.9");

        assertThat(reads.take("203.0.113.9"))
                .isInstanceOfSatisfying(
                        RateLimiter.Limited.class,
                        limited -> assertThat(limited.retryAfter())
                                .isGreaterThan(Duration.ofSeconds(9))
                                .isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(reads.take("203.0.113.10")).isEqualTo(RateLimiter.ALLOWED);
        assertThat(posts.take("203.0.113.9")).isEqualTo(RateLimiter.ALLOWED);
        assertThat(meters.counter("ratings.rate.limited", "action", "read").count())
                .isEqualTo(1);
        assertThat(reads.described()).isEqualTo("at most 2 times at once and 0.1 times per second");
    }

    @Test
    void whenRedisIsFullTheLimitStillHolds() {
        RedisRateLimiter reads = limiter(redis, "read");
        own.fill();

        assertThat(reads.take("alice")).isEqualTo(RateLimiter.ALLOWED);
        assertThat(reads.take("alice")).isEqualTo(RateLimiter.ALLOWED);
        assertThat(reads.take("alice")).isInstanceOf(RateLimiter.Limited.class);
    }

    @Test
    void withoutRedisEveryRequestGoesAheadAndIsCounted() throws IOException {
        SharedRedisConnection nowhere = new SharedRedisConnection(settings("redis://127.0.0.1:" + closedPort()));
        try {
            RedisRateLimiter reads = limiter(nowhere, "read");
            for (int i = 0; i < 5; i++) {
                assertThat(reads.take("alice")).isEqualTo(RateLimiter.ALLOWED);
            }
            assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "read", "reason", "unavailable")
                            .count())
                    .isEqualTo(5);
        } finally {
            nowhere.destroy();
        }
    }

    private RedisRateLimiter limiter(SharedRedisConnection connection, String action) {
        return new RedisRateLimiter(connection, "limits:", action, 2, 0.1, meters);
    }

    private static RedisSettings settings(String url) {
        return new RedisSettings(url, Duration.ofSeconds(2), Duration.ofSeconds(1), "limits:");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
