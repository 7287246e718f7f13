package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rating cache against the real Redis, under a key prefix of its own. */
class RedisRatingCacheIT {

    private static final String URL = "redis://127.0.0.1:6379";

    private final String prefix = "ratings-it-" + UUID.randomUUID() + ":";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SharedRedisConnection redis;
    private RedisRatingCache cache;

    @BeforeEach
    void connect() {
        redis = new SharedRedisConnection(settings(URL));
        cache = new RedisRatingCache(redis, settings(URL), meters);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.connection().isPresent());
    }

    @AfterEach
    void cleanUp() {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
        redis.destroy();
    }

    @Test
    void laterRatingReplacesTheEarlierOne() {
        cache.remember(rating("alice", 7, 1, 1_000));
        cache.remember(rating("alice", 7, 4, 2_000));

        assertThat(cache.ratingOf("alice", 7)).hasValue(4);
    }

    @Test
    void olderRatingArrivingLateDoesNotHideTheNewerOne() {
        cache.remember(rating("alice", 7, 5, 2_000));
        cache.remember(rating("alice", 7, 1, 1_000));

        assertThat(cache.ratingOf("alice", 7)).hasValue(5);
    }

    @Test
    void eachUserSeesOnlyTheirOwnRatings() {
        cache.remember(rating("alice", 7, 2, 1_000));
        cache.remember(rating("alice", 8, 3, 1_000));
        cache.remember(rating("bob", 9, 5, 1_000));

        assertThat(cache.ratingsOf("alice", List.of(7L, 8L, 9L))).isEqualTo(Map.of(7L, 2, 8L, 3));
        assertThat(cache.ratingsOf("bob", List.of(7L, 8L, 9L))).isEqualTo(Map.of(9L, 5));
        assertThat(cache.ratingOf("carol", 7)).isEmpty();
    }

    @Test
    void withoutRedisNothingIsCachedAndReadsComeBackEmpty() throws IOException {
        SharedRedisConnection nowhere = new SharedRedisConnection(settings("redis://127.0.0.1:" + closedPort()));
        try {
            RedisRatingCache unavailable = new RedisRatingCache(nowhere, settings(URL), meters);

            unavailable.remember(rating("alice", 7, 4, 1_000));

            assertThat(unavailable.ratingOf("alice", 7)).isEmpty();
            assertThat(meters.counter("ratings.cache.failures", "operation", "write", "reason", "unavailable")
                            .count())
                    .isEqualTo(1);
            assertThat(meters.counter("ratings.cache.failures", "operation", "read", "reason", "unavailable")
                            .count())
                    .isEqualTo(1);
        } finally {
            nowhere.destroy();
        }
    }

    private RedisSettings settings(String url) {
        return new RedisSettings(url, Duration.ofMillis(250), Duration.ofSeconds(1), prefix);
    }

    private static RatingEvent rating(String user, long postId, int rating, long acceptedAt) {
        return new RatingEvent(UUID.randomUUID(), postId, user, rating, acceptedAt);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
