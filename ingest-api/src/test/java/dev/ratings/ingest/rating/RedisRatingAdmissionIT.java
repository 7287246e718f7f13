package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.TopicDefinitions;
import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.limits.RateLimitSettings;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, the per-post count and idempotency keys against the real Redis, under a key prefix
 * of their own, with a small bucket (3 at once, 2 per second) so that refilling can be watched.
 */
class RedisRatingAdmissionIT {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final int BURST = 3;
    private static final double PER_SECOND = 2;
    private static final Duration IN_FLIGHT_TTL = Duration.ofSeconds(30);
    private static final Duration W = Duration.ofMinutes(5);
    /** 2 minutes into a window. */
    private static final long IN_A_WINDOW = 20_000 * W.toMillis() + 120_000;

    private final String prefix = "ratings-it-" + UUID.randomUUID() + ":";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;
    private SharedRedisConnection redis;
    private RedisRatingAdmission admission;
    private long nextPost = 1;

    @BeforeEach
    void connect() {
        redis = new SharedRedisConnection(redisSettings(URL));
        admission = admission(redis, 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.connection().isPresent());
        inspector = RedisClient.create(URL);
        inspection = inspector.connect();
    }

    @AfterEach
    void cleanUp() {
        List<String> keys = inspect().keys(prefix + "*");
        if (!keys.isEmpty()) {
            inspect().del(keys.toArray(String[]::new));
        }
        inspection.close();
        inspector.shutdown();
        redis.destroy();
    }

    @Test
    void aBurstIsLetThroughThenTheUserWaitsForOneToken() {
        for (int i = 0; i < BURST; i++) {
            assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.Admitted.class);
        }

        assertThat(admitAnotherPost("alice")).isInstanceOfSatisfying(RatingOutcome.RateLimited.class, limited -> {
            assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
            assertThat(limited.burst()).isEqualTo(BURST);
            assertThat(limited.perSecond()).isEqualTo(PER_SECOND);
        });
        assertThat(meters.counter("ratings.rate.limited", "action", "rate").count())
                .isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheConfiguredRateAndNoFaster() {
        exhaust("alice");
        long exhaustedAt = System.nanoTime();
        AtomicInteger admitted = new AtomicInteger();

        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (admitAnotherPost("alice") instanceof RatingOutcome.Admitted) {
                        admitted.incrementAndGet();
                    }
                    return admitted.get() == 4;
                });

        // four tokens at 2 per second: two seconds, less at most the fraction of one left at exhaustion
        Duration elapsed = Duration.ofNanos(System.nanoTime() - exhaustedAt);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void eachUserHasABucketOfItsOwn() {
        exhaust("alice");

        assertThat(admitAnotherPost("bob")).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.RateLimited.class);
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgain() {
        admitAnotherPost("alice");

        long ttl = inspect().pttl(prefix + "rate:{alice}:rate");
        long refill = (long) (BURST / PER_SECOND * 1000);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(refill + 1000);
    }

    @Test
    void aUserRatesOnePostAtMostThreeTimesPerWindowAndAgainInTheNextWindow() {
        RedisRatingAdmission threePerWindow = admission(redis, 100, 3);
        long windowEnd = IN_A_WINDOW - Math.floorMod(IN_A_WINDOW, W.toMillis()) + W.toMillis();
        for (int i = 0; i < 3; i++) {
            assertThat(threePerWindow.admit("alice", 7, IN_A_WINDOW + i, Optional.empty()))
                    .isInstanceOf(RatingOutcome.Admitted.class);
        }

        RatingOutcome.Decision fourth = threePerWindow.admit("alice", 7, IN_A_WINDOW + 10, Optional.empty());

        assertThat(fourth)
                .isEqualTo(new RatingOutcome.PostLimited(
                        "alice", 7, 3, W, Duration.ofMillis(windowEnd - (IN_A_WINDOW + 10))));
        // another post, another user: counts of their own
        assertThat(threePerWindow.admit("alice", 8, IN_A_WINDOW, Optional.empty()))
                .isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(threePerWindow.admit("bob", 7, IN_A_WINDOW, Optional.empty()))
                .isInstanceOf(RatingOutcome.Admitted.class);
        // the last millisecond of the window is still the window; its end is the next one
        assertThat(threePerWindow.admit("alice", 7, windowEnd - 1, Optional.empty()))
                .isInstanceOf(RatingOutcome.PostLimited.class);
        assertThat(threePerWindow.admit("alice", 7, windowEnd, Optional.empty()))
                .isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(meters.counter("ratings.rate.limited", "action", "re-rate").count())
                .isEqualTo(2);
    }

    @Test
    void aRefusedRatingTakesNoTokenAndAWindowsCountOutlivesItByAMinute() {
        RedisRatingAdmission onePerWindow = admission(redis, 1);
        long windowStart = IN_A_WINDOW - Math.floorMod(IN_A_WINDOW, W.toMillis());
        onePerWindow.admit("alice", 7, IN_A_WINDOW, Optional.empty());
        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(onePerWindow.admit("alice", 7, IN_A_WINDOW, Optional.empty()))
                    .isInstanceOf(RatingOutcome.PostLimited.class);
        }

        assertThat(onePerWindow.admit("alice", 8, IN_A_WINDOW, Optional.empty()))
                .isInstanceOf(RatingOutcome.Admitted.class);
        long ttl = inspect().pttl(prefix + "rated:{alice}:7:" + windowStart);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(windowStart + W.toMillis() - IN_A_WINDOW + 60_000);
    }

    @Test
    void aRatingOfAPostThatDoesNotExistGivesItsCountBackAndOneKafkaMayHaveTakenDoesNot() {
        RedisRatingAdmission onePerWindow = admission(redis, 1);
        var notFound = (RatingOutcome.Admitted) onePerWindow.admit("alice", 7, IN_A_WINDOW, Optional.empty());

        notFound.ticket().cancel();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> onePerWindow.admit("alice", 7, IN_A_WINDOW, Optional.empty())
                                instanceof RatingOutcome.Admitted unpublished
                        && release(unpublished));
        assertThat(onePerWindow.admit("alice", 7, IN_A_WINDOW, Optional.empty()))
                .isInstanceOf(RatingOutcome.PostLimited.class);
    }

    @Test
    void aKeyIsReservedWhileItsRequestIsInFlight() {
        RatingOutcome.Decision first = admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));

        assertThat(first).isInstanceOf(RatingOutcome.Admitted.class);
        String stored = prefix + "idem:{alice}:k";
        assertThat(inspect().hget(stored, "fingerprint")).isEqualTo("rate post=1 rating=4");
        assertThat(inspect().hget(stored, "at")).isEqualTo(Long.toString(IN_A_WINDOW));
        assertThat(Duration.ofMillis(inspect().pttl(stored)))
                .as("kept as long as a response, for a retry whatever becomes of this request")
                .isGreaterThan(Duration.ofHours(24).minusMinutes(1));
        assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                .isEqualTo(new RatingOutcome.KeyInFlight(Duration.ofSeconds(1)));
        assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=5")))
                .isEqualTo(new RatingOutcome.KeyReused());
    }

    @Test
    void aCompletedKeyIsReplayedForADayWithoutTakingTokens() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
        StoredResponse response = new StoredResponse(202, "{\"ratingId\":\"r-1\"}");

        first.ticket().complete(response);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"))
                        instanceof RatingOutcome.Replayed);
        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                    .isEqualTo(new RatingOutcome.Replayed(202, response.body()));
        }
        long ttl = inspect().pttl(prefix + "idem:{alice}:k");
        assertThat(Duration.ofMillis(ttl))
                .isGreaterThan(Duration.ofHours(24).minusMinutes(1))
                .isLessThanOrEqualTo(Duration.ofHours(24));
        // the original took one token, the replays none
        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.RateLimited.class);
        assertThat(meters.counter("ratings.idempotent.replays").count()).isGreaterThanOrEqualTo(2 * BURST);
    }

    @Test
    void aCompletedKeyUsedForAnotherRequestIsUnprocessable() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
        first.ticket().complete(new StoredResponse(202, "{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "status") != null);

        assertThat(admission.admit("alice", 2, IN_A_WINDOW, keyed("k", "rate post=2 rating=4")))
                .isEqualTo(new RatingOutcome.KeyReused());
        assertThat(meters.counter("ratings.idempotency.conflicts", "reason", "different-request")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterAFailedPublishGoesAheadWithTheFirstTrysTimeAndCountsNothingAgain() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));

        first.ticket().release();

        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "owner") == null);
        long later = IN_A_WINDOW + W.toMillis();
        RatingOutcome.Decision retry = admission.admit("alice", 1, later, keyed("k", "rate post=1 rating=4"));
        assertThat(retry)
                .isInstanceOfSatisfying(
                        RatingOutcome.Admitted.class,
                        admitted -> assertThat(admitted.acceptedAt())
                                .as("the first try's time: the retry publishes the same event")
                                .isEqualTo(IN_A_WINDOW));
        long windowStart = IN_A_WINDOW - Math.floorMod(IN_A_WINDOW, W.toMillis());
        assertThat(inspect().get(prefix + "rated:{alice}:1:" + windowStart)).isEqualTo("1");
        assertThat(inspect().keys(prefix + "rated:{alice}:1:*")).hasSize(1);
        assertThat(meters.counter("ratings.idempotency.resends").count()).isEqualTo(1);
        assertThat(admission.admit("alice", 1, later, keyed("k", "rate post=1 rating=4")))
                .as("the retry holds the key now")
                .isInstanceOf(RatingOutcome.KeyInFlight.class);
        assertThat(admission.admit("alice", 1, later, keyed("k", "rate post=1 rating=5")))
                .isEqualTo(new RatingOutcome.KeyReused());
    }

    @Test
    void aRequestWhoseInstanceDiedIsTakenOverWithItsTimeOnceItsLeaseExpires() {
        RedisRatingAdmission shortLease = new RedisRatingAdmission(
                redis,
                redisSettings(URL),
                new RateLimitSettings(BURST, PER_SECOND, 3),
                new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(1)),
                new KafkaSettings(1, TopicDefinitions.BROKER_DEFAULT, Duration.ofMillis(500)),
                new RatingWindow(W),
                meters);
        assertThat(shortLease.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(RatingOutcome.Admitted.class);
        // nothing answers for the first request: its instance is gone
        assertThat(shortLease.admit("alice", 1, IN_A_WINDOW + 10, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(RatingOutcome.KeyInFlight.class);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                shortLease.admit("alice", 1, IN_A_WINDOW + 2_000, keyed("k", "rate post=1 rating=4")))
                        .isInstanceOfSatisfying(
                                RatingOutcome.Admitted.class,
                                admitted -> assertThat(admitted.acceptedAt()).isEqualTo(IN_A_WINDOW)));
    }

    @Test
    void aRetryThatPublishesNothingLeavesTheEventForTheNextRetry() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
        first.ticket().release();
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "owner") == null);
        var retry = (RatingOutcome.Admitted)
                admission.admit("alice", 1, IN_A_WINDOW + 5, keyed("k", "rate post=1 rating=4"));

        retry.ticket().cancel(); // e.g. the database could not say whether the post exists

        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "owner") == null);
        long windowStart = IN_A_WINDOW - Math.floorMod(IN_A_WINDOW, W.toMillis());
        assertThat(inspect().get(prefix + "rated:{alice}:1:" + windowStart))
                .as("the first try's count stays: its event may be in the log")
                .isEqualTo("1");
        assertThat(admission.admit("alice", 1, IN_A_WINDOW + 9, keyed("k", "rate post=1 rating=4")))
                .isInstanceOfSatisfying(
                        RatingOutcome.Admitted.class,
                        admitted -> assertThat(admitted.acceptedAt()).isEqualTo(IN_A_WINDOW));
    }

    @Test
    void aTicketNeverTouchesAReservationThatIsNotItsOwn() {
        var first =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
        first.ticket().release();
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "owner") == null);
        var second =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));

        first.ticket().complete(new StoredResponse(202, "{\"from\":\"first\"}"));
        first.ticket().release();
        first.ticket().cancel();

        // a command sent after them on another connection finds the second reservation untouched
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                                .isInstanceOf(RatingOutcome.KeyInFlight.class));
        assertThat(inspect().hget(prefix + "idem:{alice}:k", "status")).isNull();
        second.ticket().complete(new StoredResponse(202, "{\"from\":\"second\"}"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "{\"from\":\"second\"}".equals(inspect().hget(prefix + "idem:{alice}:k", "body")));
    }

    @Test
    void aRequestOverTheLimitReservesNoKey() {
        exhaust("alice");

        assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(RatingOutcome.RateLimited.class);
        assertThat(inspect().exists(prefix + "idem:{alice}:k")).isZero();
    }

    @Test
    void keysAreScopedToTheUser() {
        assertThat(admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(RatingOutcome.Admitted.class);
        assertThat(admission.admit("bob", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(RatingOutcome.Admitted.class);
    }

    @Test
    void scriptsAreSentAgainWhenRedisHasForgottenThem() {
        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.Admitted.class);

        inspect().scriptFlush();

        assertThat(admitAnotherPost("alice")).isInstanceOf(RatingOutcome.Admitted.class);
        var keyed =
                (RatingOutcome.Admitted) admission.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
        inspect().scriptFlush();
        keyed.ticket().complete(new StoredResponse(202, "{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "status") != null);
    }

    @Test
    void withoutRedisEveryRequestGoesAheadAndIsCounted() throws IOException {
        SharedRedisConnection nowhere = new SharedRedisConnection(redisSettings("redis://127.0.0.1:" + closedPort()));
        try {
            RedisRatingAdmission unchecked = admission(nowhere, 1);

            for (int i = 0; i < 2 * BURST; i++) {
                RatingOutcome.Decision admitted =
                        unchecked.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4"));
                assertThat(admitted).isEqualTo(new RatingOutcome.Admitted(RatingIntake.Ticket.NONE, IN_A_WINDOW));
            }

            assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "rate", "reason", "unavailable")
                            .count())
                    .isEqualTo(2 * BURST);
            assertThat(meters.counter("ratings.idempotency.fail.open", "operation", "admit", "reason", "unavailable")
                            .count())
                    .isEqualTo(2 * BURST);
        } finally {
            nowhere.destroy();
        }
    }

    @Test
    void whenRedisIsSlowAKeyedRequestIsRefusedAndItsLateReservationUndone() {
        try (FreezableProxy proxy = new FreezableProxy("127.0.0.1", 6379)) {
            SharedRedisConnection slowRedis =
                    new SharedRedisConnection(redisSettings("redis://127.0.0.1:" + proxy.port()));
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> slowRedis.connection().isPresent());
                RedisRatingAdmission slow = admission(slowRedis, 1);
                proxy.freeze();

                assertThat(slow.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                        .isEqualTo(new RatingOutcome.KeyUnchecked("timeout", Duration.ofSeconds(1)));
                // without a key there is nothing to protect: the request goes ahead, counted
                assertThat(slow.admit("alice", 2, IN_A_WINDOW, Optional.empty()))
                        .isEqualTo(new RatingOutcome.Admitted(RatingIntake.Ticket.NONE, IN_A_WINDOW));

                // Redis did run the script, unanswered; the cancel sent after it undid the reservation
                // and gave the post's count back
                long windowStart = IN_A_WINDOW - Math.floorMod(IN_A_WINDOW, W.toMillis());
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> inspect().exists(prefix + "rate:{alice}:rate") == 1
                                && inspect().exists(prefix + "idem:{alice}:k") == 0
                                && "0".equals(inspect().get(prefix + "rated:{alice}:1:" + windowStart)));
                assertThat(meters.counter("ratings.idempotency.timeouts").count())
                        .isEqualTo(1);
                assertThat(meters.counter("ratings.idempotency.refused", "reason", "timeout")
                                .count())
                        .isEqualTo(1);
                assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "rate", "reason", "timeout")
                                .count())
                        .isEqualTo(1);
                proxy.thaw();
                assertThat(slow.admit("alice", 1, IN_A_WINDOW, keyed("k", "rate post=1 rating=4")))
                        .isInstanceOf(RatingOutcome.Admitted.class);
            } finally {
                slowRedis.destroy();
            }
        }
    }

    @Test
    void anInFlightReservationMustOutlastThePublish() {
        assertThatThrownBy(() -> new RedisRatingAdmission(
                        redis,
                        redisSettings(URL),
                        new RateLimitSettings(BURST, PER_SECOND, 3),
                        new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(3)),
                        new KafkaSettings(1, TopicDefinitions.BROKER_DEFAULT, Duration.ofSeconds(3)),
                        new RatingWindow(W),
                        meters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-flight-ttl");
    }

    private RedisRatingAdmission admission(SharedRedisConnection connection, int perPostPerWindow) {
        return admission(connection, BURST, perPostPerWindow);
    }

    private RedisRatingAdmission admission(SharedRedisConnection connection, int burst, int perPostPerWindow) {
        return new RedisRatingAdmission(
                connection,
                redisSettings(URL),
                new RateLimitSettings(burst, PER_SECOND, perPostPerWindow),
                new IdempotencySettings(Duration.ofHours(24), IN_FLIGHT_TTL),
                new KafkaSettings(1, TopicDefinitions.BROKER_DEFAULT, Duration.ofSeconds(3)),
                new RatingWindow(W),
                meters);
    }

    /** A rating of a post the user has not rated yet, so that only the bucket can refuse it. */
    private RatingOutcome.Decision admitAnotherPost(String user) {
        return admission.admit(user, nextPost++, IN_A_WINDOW, Optional.empty());
    }

    private void exhaust(String user) {
        while (admitAnotherPost(user) instanceof RatingOutcome.Admitted) {
            // take tokens until refused
        }
    }

    private static boolean release(RatingOutcome.Admitted admitted) {
        admitted.ticket().release();
        return true;
    }

    private static Optional<IdempotentRequest> keyed(String key, String fingerprint) {
        return Optional.of(new IdempotentRequest(new IdempotencyKey(key), fingerprint));
    }

    private RedisCommands<String, String> inspect() {
        return inspection.sync();
    }

    private RedisSettings redisSettings(String url) {
        return new RedisSettings(url, Duration.ofMillis(250), Duration.ofSeconds(1), prefix);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
