package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.ingest.OwnRedis;
import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.limits.RateLimitSettings;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A Redis at {@code maxmemory} under {@code noeviction} (a redis-server of the test's own, made full
 * by a one-byte limit): every limit still holds, a rating with an Idempotency-Key is refused rather
 * than published unchecked, a stored response is still replayed, and cache writes are skipped and
 * counted until Redis has room again.
 */
class RedisFullIT {

    private static final long IN_A_WINDOW = 20_000 * 300_000L + 120_000;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private OwnRedis own;
    private SharedRedisConnection redis;
    private RedisRatingAdmission admission;
    private RedisRatingCache cache;

    @BeforeEach
    void start() {
        own = OwnRedis.start();
        RedisSettings settings = new RedisSettings(own.url(), Duration.ofSeconds(2), Duration.ofSeconds(1), "full:");
        redis = new SharedRedisConnection(settings);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.connection().isPresent());
        admission = new RedisRatingAdmission(
                redis,
                settings,
                new RateLimitSettings(3, 0.001, 2),
                new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(30)),
                new KafkaSettings(1, TopicDefinitions.BROKER_DEFAULT, Duration.ofSeconds(3)),
                new RatingWindow(Duration.ofMinutes(5)),
                meters);
        cache = new RedisRatingCache(redis, settings, meters);
    }

    @AfterEach
    void stop() {
        redis.destroy();
        own.close();
    }

    @Test
    void whenRedisIsFullTheRateLimitAndThePerPostLimitStillHold() {
        own.fill();

        assertThat(admit("alice", 7)).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admit("alice", 7)).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admit("alice", 7)).isInstanceOf(RatingOutcome.PostLimited.class);
        assertThat(admit("alice", 8)).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admit("alice", 9)).isInstanceOf(RatingOutcome.RateLimited.class);
        assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "rate", "reason", "full")
                        .count())
                .isZero();
    }

    @Test
    void whenRedisIsFullARatingWithAKeyIsRefusedAndNothingIsWritten() {
        own.fill();

        RatingOutcome.Decision refused = admission.admit("alice", 7, IN_A_WINDOW, keyed("k-1", "rate post=7 rating=4"));

        assertThat(refused).isEqualTo(new RatingOutcome.KeyUnchecked("full", Duration.ofSeconds(5)));
        assertThat(own.commands().exists("full:idem:{alice}:k-1", "full:rate:{alice}:rate"))
                .isZero();
        assertThat(meters.counter("ratings.idempotency.refused", "reason", "full")
                        .count())
                .isEqualTo(1);
        own.empty();
        assertThat(admission.admit("alice", 7, IN_A_WINDOW, keyed("k-1", "rate post=7 rating=4")))
                .isInstanceOf(RatingOutcome.Admitted.class);
    }

    @Test
    void aStoredResponseIsStillReplayedWhenRedisIsFull() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 7, IN_A_WINDOW, keyed("k-2", "rate post=7 rating=4"));
        first.ticket().complete(new StoredResponse(202, "{\"ratingId\":\"r\"}"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> own.commands().hget("full:idem:{alice}:k-2", "status") != null);

        own.fill();

        assertThat(admission.admit("alice", 7, IN_A_WINDOW, keyed("k-2", "rate post=7 rating=4")))
                .isEqualTo(new RatingOutcome.Replayed(202, "{\"ratingId\":\"r\"}"));
    }

    @Test
    void whenRedisIsFullCacheWritesAreSkippedAndCountedReadsWorkAndWritesResumeWithRoom() throws Exception {
        assertThat(write(rating("alice", 7, 4, 1_000))).isTrue();

        own.fill();

        assertThat(write(rating("alice", 7, 5, 2_000))).isFalse();
        assertThat(cache.ratingOf("alice", 7)).hasValue(4);
        assertThat(meters.counter("ratings.cache.failures", "operation", "write", "reason", "full")
                        .count())
                .isEqualTo(1);
        own.empty();
        assertThat(write(rating("alice", 7, 5, 2_000))).isTrue();
        assertThat(cache.ratingOf("alice", 7)).hasValue(5);
    }

    @Test
    void aFullRedisIsLoggedOncePerEpisode() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SharedRedisConnection.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            own.fill();
            for (int i = 0; i < 3; i++) {
                assertThat(write(rating("alice", 7, 4, 1_000 + i))).isFalse();
            }
            own.empty();
            assertThat(write(rating("alice", 7, 4, 2_000))).isTrue();
            assertThat(write(rating("alice", 7, 4, 3_000))).isTrue();
            own.fill();
            assertThat(write(rating("alice", 7, 4, 4_000))).isFalse();

            assertThat(logged.list)
                    .extracting(event -> event.getLevel() + " " + event.getFormattedMessage())
                    .satisfiesExactly(
                            full -> assertThat(full)
                                    .startsWith("WARN Redis at " + own.url().substring(8) + " is full"),
                            room -> assertThat(room).startsWith("INFO Redis at").endsWith("accepts writes again"),
                            fullAgain -> assertThat(fullAgain)
                                    .startsWith("WARN Redis at")
                                    .contains("is full"));
        } finally {
            logger.detachAppender(logged);
        }
    }

    private RatingOutcome.Decision admit(String user, long postId) {
        return admission.admit(user, postId, IN_A_WINDOW, Optional.empty());
    }

    private boolean write(RatingEvent event) throws Exception {
        return cache.write(event).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static RatingEvent rating(String user, long postId, int rating, long acceptedAt) {
        return new RatingEvent(UUID.randomUUID(), postId, user, rating, acceptedAt);
    }

    private static Optional<IdempotentRequest> keyed(String key, String fingerprint) {
        return Optional.of(new IdempotentRequest(new IdempotencyKey(key), fingerprint));
    }
}
