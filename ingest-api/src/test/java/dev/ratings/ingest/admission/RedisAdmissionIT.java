package dev.ratings.ingest.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import dev.ratings.ingest.web.ConflictException;
import dev.ratings.ingest.web.ServiceUnavailableException;
import dev.ratings.ingest.web.TooManyRequestsException;
import dev.ratings.ingest.web.UnprocessableException;
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
 * Rate limits and idempotency keys against the real Redis, under a key prefix of their own, with a
 * small bucket (3 at once, 2 per second) so that refilling can be watched.
 */
class RedisAdmissionIT {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final int BURST = 3;
    private static final double PER_SECOND = 2;
    private static final Duration IN_FLIGHT_TTL = Duration.ofSeconds(30);

    private final String prefix = "ratings-it-" + UUID.randomUUID() + ":";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;
    private SharedRedisConnection redis;
    private RedisAdmission admission;

    @BeforeEach
    void connect() {
        redis = new SharedRedisConnection(redisSettings(URL));
        admission = admission(redis);
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
            assertThat(admission.admit("alice", Action.RATE, Optional.empty())).isInstanceOf(Admitted.Go.class);
        }

        assertThatThrownBy(() -> admission.admit("alice", Action.RATE, Optional.empty()))
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        limited -> assertThat(limited.retryAfter())
                                .isPositive()
                                .isLessThanOrEqualTo(Duration.ofMillis(500)))
                .hasMessageContaining("at most 3 times at once and 2 times per second");
        assertThat(meters.counter("ratings.rate.limited", "action", "rate").count())
                .isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheConfiguredRateAndNoFaster() {
        exhaust("alice", Action.RATE);
        long exhaustedAt = System.nanoTime();
        AtomicInteger admitted = new AtomicInteger();

        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (tryAdmit("alice", Action.RATE)) {
                        admitted.incrementAndGet();
                    }
                    return admitted.get() == 4;
                });

        // four tokens at 2 per second: two seconds, less at most the fraction of one left at exhaustion
        Duration elapsed = Duration.ofNanos(System.nanoTime() - exhaustedAt);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void eachUserAndEachActionHasABucketOfItsOwn() {
        exhaust("alice", Action.RATE);

        assertThat(tryAdmit("alice", Action.CREATE_POST)).isTrue();
        assertThat(tryAdmit("bob", Action.RATE)).isTrue();
        assertThat(tryAdmit("alice", Action.RATE)).isFalse();
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgain() {
        admission.admit("alice", Action.RATE, Optional.empty());

        long ttl = inspect().pttl(prefix + "rate:{alice}:rate");
        long refill = (long) (BURST / PER_SECOND * 1000);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(refill + 1000);
    }

    @Test
    void aKeyIsReservedWhileItsRequestIsInFlight() {
        Admitted first = admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));

        assertThat(first).isInstanceOf(Admitted.Go.class);
        String stored = prefix + "idem:{alice}:k";
        assertThat(inspect().hget(stored, "fingerprint")).isEqualTo("rate post=1 rating=4");
        assertThat(inspect().pttl(stored)).isPositive().isLessThanOrEqualTo(IN_FLIGHT_TTL.toMillis());
        assertThatThrownBy(() -> admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Idempotency-Key: a request with this key is still being processed");
        assertThatThrownBy(() -> admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=5")))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageStartingWith("Idempotency-Key: this key was already used for a different request");
    }

    @Test
    void aCompletedKeyIsReplayedForADayWithoutTakingTokens() {
        Admitted.Go first = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));
        StoredResponse response = new StoredResponse(202, "{\"ratingId\":\"r-1\"}");

        first.ticket().complete(response);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"))
                        instanceof Admitted.Replay);
        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                    .isEqualTo(new Admitted.Replay(response));
        }
        long ttl = inspect().pttl(prefix + "idem:{alice}:k");
        assertThat(Duration.ofMillis(ttl))
                .isGreaterThan(Duration.ofHours(24).minusMinutes(1))
                .isLessThanOrEqualTo(Duration.ofHours(24));
        // the original took one token, the replays none
        assertThat(tryAdmit("alice", Action.RATE)).isTrue();
        assertThat(tryAdmit("alice", Action.RATE)).isTrue();
        assertThat(tryAdmit("alice", Action.RATE)).isFalse();
        assertThat(meters.counter("ratings.idempotent.replays").count()).isGreaterThanOrEqualTo(2 * BURST);
    }

    @Test
    void aCompletedKeyUsedForAnotherRequestIsUnprocessable() {
        Admitted.Go first = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));
        first.ticket().complete(new StoredResponse(202, "{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "status") != null);

        assertThatThrownBy(() -> admission.admit("alice", Action.RATE, keyed("k", "rate post=2 rating=4")))
                .isInstanceOf(UnprocessableException.class);
        assertThat(meters.counter("ratings.idempotency.conflicts", "reason", "different-request")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aReleasedKeyCanBeUsedAgain() {
        Admitted.Go first = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));

        first.ticket().release();

        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().exists(prefix + "idem:{alice}:k") == 0);
        assertThat(admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(Admitted.Go.class);
    }

    @Test
    void aTicketNeverTouchesAReservationThatIsNotItsOwn() {
        Admitted.Go first = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));
        first.ticket().release();
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().exists(prefix + "idem:{alice}:k") == 0);
        Admitted.Go second = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));

        first.ticket().complete(new StoredResponse(202, "{\"from\":\"first\"}"));
        first.ticket().release();

        // a command sent after them on another connection finds the second reservation untouched
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThatThrownBy(
                                () -> admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                        .isInstanceOf(ConflictException.class));
        assertThat(inspect().hget(prefix + "idem:{alice}:k", "status")).isNull();
        second.ticket().complete(new StoredResponse(202, "{\"from\":\"second\"}"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "{\"from\":\"second\"}".equals(inspect().hget(prefix + "idem:{alice}:k", "body")));
    }

    @Test
    void aRequestOverTheLimitReservesNoKey() {
        exhaust("alice", Action.RATE);

        assertThatThrownBy(() -> admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(inspect().exists(prefix + "idem:{alice}:k")).isZero();
    }

    @Test
    void keysAreScopedToTheUser() {
        assertThat(admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(Admitted.Go.class);
        assertThat(admission.admit("bob", Action.RATE, keyed("k", "rate post=1 rating=4")))
                .isInstanceOf(Admitted.Go.class);
    }

    @Test
    void scriptsAreSentAgainWhenRedisHasForgottenThem() {
        assertThat(tryAdmit("alice", Action.RATE)).isTrue();

        inspect().scriptFlush();

        assertThat(tryAdmit("alice", Action.RATE)).isTrue();
        Admitted.Go keyed = (Admitted.Go) admission.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));
        inspect().scriptFlush();
        keyed.ticket().complete(new StoredResponse(202, "{}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inspect().hget(prefix + "idem:{alice}:k", "status") != null);
    }

    @Test
    void withoutRedisEveryRequestGoesAheadAndIsCounted() throws IOException {
        SharedRedisConnection nowhere = new SharedRedisConnection(redisSettings("redis://127.0.0.1:" + closedPort()));
        try {
            RedisAdmission unchecked = admission(nowhere);

            for (int i = 0; i < 2 * BURST; i++) {
                Admitted admitted = unchecked.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4"));
                assertThat(admitted).isEqualTo(new Admitted.Go(Admitted.Ticket.NONE));
            }

            assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "rate")
                            .count())
                    .isEqualTo(2 * BURST);
            assertThat(meters.counter("ratings.idempotency.fail.open", "operation", "admit")
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
                RedisAdmission slow = admission(slowRedis);
                proxy.freeze();

                assertThatThrownBy(() -> slow.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                        .isInstanceOf(ServiceUnavailableException.class)
                        .hasMessageStartingWith("Idempotency-Key: could not be checked in time");
                // without a key there is nothing to protect: the request goes ahead, counted
                assertThat(slow.admit("alice", Action.RATE, Optional.empty()))
                        .isEqualTo(new Admitted.Go(Admitted.Ticket.NONE));

                // Redis did run the script, unanswered; the release sent after it undid the reservation
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> inspect().exists(prefix + "rate:{alice}:rate") == 1
                                && inspect().exists(prefix + "idem:{alice}:k") == 0);
                assertThat(meters.counter("ratings.idempotency.timeouts").count())
                        .isEqualTo(1);
                assertThat(meters.counter("ratings.rate.limit.fail.open", "action", "rate")
                                .count())
                        .isEqualTo(1);
                proxy.thaw();
                assertThat(slow.admit("alice", Action.RATE, keyed("k", "rate post=1 rating=4")))
                        .isInstanceOf(Admitted.Go.class);
            } finally {
                slowRedis.destroy();
            }
        }
    }

    @Test
    void anInFlightReservationMustOutlastThePublish() {
        assertThatThrownBy(() -> new RedisAdmission(
                        redis,
                        redisSettings(URL),
                        new RateLimitSettings(BURST, PER_SECOND),
                        new IdempotencySettings(Duration.ofHours(24), Duration.ofSeconds(3)),
                        new KafkaSettings(1, Duration.ofSeconds(3)),
                        meters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-flight-ttl");
    }

    private RedisAdmission admission(SharedRedisConnection connection) {
        return new RedisAdmission(
                connection,
                redisSettings(URL),
                new RateLimitSettings(BURST, PER_SECOND),
                new IdempotencySettings(Duration.ofHours(24), IN_FLIGHT_TTL),
                new KafkaSettings(1, Duration.ofSeconds(3)),
                meters);
    }

    private void exhaust(String user, Action action) {
        while (tryAdmit(user, action)) {
            // take tokens until refused
        }
    }

    private boolean tryAdmit(String user, Action action) {
        try {
            admission.admit(user, action, Optional.empty());
            return true;
        } catch (TooManyRequestsException limited) {
            return false;
        }
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
