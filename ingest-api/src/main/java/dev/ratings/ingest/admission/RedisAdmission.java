package dev.ratings.ingest.admission;

import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.redis.LuaScript;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import dev.ratings.ingest.web.ConflictException;
import dev.ratings.ingest.web.RetryAfter;
import dev.ratings.ingest.web.ServiceUnavailableException;
import dev.ratings.ingest.web.TooManyRequestsException;
import dev.ratings.ingest.web.UnprocessableException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rate limits and idempotency keys in Redis, decided by one script in one round trip: the
 * idempotency check (if the request has a key), the user's token bucket, and the key's reservation.
 * A replay, a 409 or a 422 takes no token; a 429 reserves no key.
 *
 * <p>The bucket is a hash {@code {tokens, at}} refilled lazily from Redis's own clock, so every
 * instance sees one clock; it expires once it would be full again. Keys are {@code
 * <prefix>rate:{user}:<action>} and {@code <prefix>idem:{user}:<key>}: the user is the hash tag, so
 * both keys of one script sit in one slot should Redis ever be a cluster.
 *
 * <p>If Redis is not connected (down), the request goes ahead (fail open) and a metric counts it:
 * Kafka is the source of truth, and a rating repeated because its key could not be checked replaces
 * the same user's rating, it is never counted twice in a score. If Redis is connected but does not
 * answer within {@code ratings.redis.command-timeout}, a request without a key goes ahead the same
 * way, but one with a key is refused with 503 (see {@link #keyNotChecked}).
 */
@Component
class RedisAdmission implements Admission {

    private static final Logger log = LoggerFactory.getLogger(RedisAdmission.class);
    private static final Duration RETRY_IN_FLIGHT = Duration.ofSeconds(1);

    static final LuaScript ADMIT = new LuaScript("""
            if KEYS[2] then
              local entry = redis.call('HMGET', KEYS[2], 'fingerprint', 'status', 'body')
              if entry[1] then
                if entry[1] ~= ARGV[3] then return {'reused'} end
                if entry[2] then return {'replay', entry[2], entry[3]} end
                return {'in-flight'}
              end
            end
            local burst = tonumber(ARGV[1])
            local perMs = tonumber(ARGV[2]) / 1000
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = burst
            if bucket[1] then
              tokens = math.min(burst, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * perMs)
            end
            if tokens < 1 then
              return {'limited', math.ceil((1 - tokens) / perMs)}
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs) + 1000)
            if KEYS[2] then
              redis.call('HSET', KEYS[2], 'fingerprint', ARGV[3], 'owner', ARGV[4])
              redis.call('PEXPIRE', KEYS[2], ARGV[5])
            end
            return {'admitted'}
            """);

    /** Stores the response, unless the reservation is no longer this request's. */
    static final LuaScript COMPLETE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              redis.call('HSET', KEYS[1], 'status', ARGV[2], 'body', ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              return 1
            end
            return 0
            """);

    static final LuaScript RELEASE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final SharedRedisConnection redis;
    private final RateLimitSettings limits;
    private final IdempotencySettings idempotency;
    private final String keyPrefix;
    private final Map<Action, Counter> rateLimited = new EnumMap<>(Action.class);
    private final Map<Action, Counter> limiterFailOpen = new EnumMap<>(Action.class);
    private final Counter replays;
    private final Counter inFlight;
    private final Counter reused;
    private final Map<String, Counter> idempotencyFailOpen;
    private final Counter keyTimeouts;

    RedisAdmission(
            SharedRedisConnection redis,
            RedisSettings redisSettings,
            RateLimitSettings limits,
            IdempotencySettings idempotency,
            KafkaSettings kafka,
            MeterRegistry meters) {
        // a reservation that expired while its publish is still running would let a retry publish too
        if (idempotency.inFlightTtl().compareTo(kafka.sendTimeout()) <= 0) {
            throw new IllegalArgumentException("ratings.idempotency.in-flight-ttl (" + idempotency.inFlightTtl()
                    + ") must be longer than ratings.kafka.send-timeout (" + kafka.sendTimeout() + ")");
        }
        this.redis = redis;
        this.limits = limits;
        this.idempotency = idempotency;
        this.keyPrefix = redisSettings.keyPrefix();
        for (Action action : Action.values()) {
            rateLimited.put(
                    action,
                    Counter.builder("ratings.rate.limited")
                            .description("Requests refused with 429 by the per-user rate limit")
                            .tag("action", action.key())
                            .register(meters));
            limiterFailOpen.put(
                    action,
                    Counter.builder("ratings.rate.limit.fail.open")
                            .description(
                                    "Requests let through without a rate-limit check because Redis was unavailable")
                            .tag("action", action.key())
                            .register(meters));
        }
        this.replays = Counter.builder("ratings.idempotent.replays")
                .description("Retries answered with the stored response of their Idempotency-Key")
                .register(meters);
        this.inFlight = conflicts(meters, "in-flight");
        this.reused = conflicts(meters, "different-request");
        this.keyTimeouts = Counter.builder("ratings.idempotency.timeouts")
                .description("Requests with an Idempotency-Key refused with 503 because Redis did not answer in time")
                .register(meters);
        this.idempotencyFailOpen = Map.of(
                "admit", idempotencyFailOpen(meters, "admit"),
                "complete", idempotencyFailOpen(meters, "complete"),
                "release", idempotencyFailOpen(meters, "release"));
    }

    @Override
    public Admitted admit(String userId, Action action, Optional<IdempotentRequest> request) {
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (connection.isEmpty()) {
            return failOpen(action, request, "not connected");
        }
        String bucket = keyPrefix + "rate:{" + userId + "}:" + action.key();
        Optional<String> idempotencyKey = request.map(r -> idempotencyKey(userId, r.key()));
        String owner = UUID.randomUUID().toString();
        List<Object> reply;
        try {
            reply = ADMIT.run(
                    connection.get().sync(),
                    ScriptOutputType.MULTI,
                    idempotencyKey.map(key -> new String[] {bucket, key}).orElse(new String[] {bucket}),
                    Integer.toString(limits.burst()),
                    Double.toString(limits.perSecond()),
                    request.map(IdempotentRequest::fingerprint).orElse(""),
                    owner,
                    Long.toString(idempotency.inFlightTtl().toMillis()));
        } catch (RedisCommandTimeoutException slow) {
            if (idempotencyKey.isPresent()) {
                return keyNotChecked(idempotencyKey.get(), owner);
            }
            return failOpen(action, request, slow.toString());
        } catch (RedisException e) {
            return failOpen(action, request, e.toString());
        }
        String outcome = (String) reply.get(0);
        switch (outcome) {
            case "admitted":
                return new Admitted.Go(idempotencyKey
                        .<Admitted.Ticket>map(key -> new RedisTicket(key, owner))
                        .orElse(Admitted.Ticket.NONE));
            case "limited":
                rateLimited.get(action).increment();
                Duration wait = Duration.ofMillis((Long) reply.get(1));
                throw new TooManyRequestsException(
                        "rate limit: user " + userId + " may " + action.described() + " at most " + limits.burst()
                                + " times at once and " + plain(limits.perSecond())
                                + " times per second; retry in " + RetryAfter.seconds(wait) + " s",
                        wait);
            case "replay":
                replays.increment();
                return new Admitted.Replay(
                        new StoredResponse(Integer.parseInt((String) reply.get(1)), (String) reply.get(2)));
            case "in-flight":
                inFlight.increment();
                throw new ConflictException(
                        IdempotencyKey.HEADER,
                        "a request with this key is still being processed; retry in "
                                + RetryAfter.seconds(RETRY_IN_FLIGHT) + " s to get its response",
                        RETRY_IN_FLIGHT);
            case "reused":
                reused.increment();
                throw new UnprocessableException(
                        IdempotencyKey.HEADER,
                        "this key was already used for a different request (another post, rating or body);"
                                + " use a new key for a new request");
            default:
                throw new IllegalStateException("unexpected answer of the admission script: " + reply);
        }
    }

    String idempotencyKey(String userId, IdempotencyKey key) {
        return keyPrefix + "idem:{" + userId + "}:" + key.value();
    }

    /**
     * Redis is connected but did not answer in time. Unlike an outage, the script may still run and
     * reserve the key, and a concurrent request with the same key may be waiting on the same slow
     * answer: going ahead could publish the rating twice. So a request with a key is refused
     * (retryable), and a release sent after the script on the same connection undoes its reservation
     * should it run late. Without a key the request goes ahead like in an outage.
     */
    private Admitted keyNotChecked(String key, String owner) {
        new RedisTicket(key, owner).release();
        keyTimeouts.increment();
        throw new ServiceUnavailableException(
                IdempotencyKey.HEADER + ": could not be checked in time (Redis is slow), so the rating was not"
                        + " accepted; retry in " + RetryAfter.seconds(RETRY_IN_FLIGHT) + " s with the same key",
                RETRY_IN_FLIGHT);
    }

    private Admitted failOpen(Action action, Optional<IdempotentRequest> request, String why) {
        limiterFailOpen.get(action).increment();
        if (request.isPresent()) {
            idempotencyFailOpen.get("admit").increment();
        }
        log.debug("Redis unavailable, {} request let through unchecked: {}", action.key(), why);
        return new Admitted.Go(Admitted.Ticket.NONE);
    }

    /** The reservation of one admitted request: its owner id makes sure it only touches its own. */
    private final class RedisTicket implements Admitted.Ticket {

        private final String key;
        private final String owner;

        RedisTicket(String key, String owner) {
            this.key = key;
            this.owner = owner;
        }

        @Override
        public void complete(StoredResponse response) {
            send(
                    "complete",
                    COMPLETE,
                    owner,
                    Integer.toString(response.status()),
                    response.body(),
                    Long.toString(idempotency.ttl().toMillis()));
        }

        @Override
        public void release() {
            send("release", RELEASE, owner);
        }

        /**
         * Dispatched without waiting; one connection keeps it ahead of later commands of this instance,
         * so a retry right after the 202 finds the stored response.
         */
        private void send(String operation, LuaScript script, String... args) {
            Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
            if (connection.isEmpty()) {
                idempotencyFailOpen.get(operation).increment();
                return;
            }
            try {
                script.sendAsync(connection.get().async(), ScriptOutputType.INTEGER, new String[] {key}, args)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                idempotencyFailOpen.get(operation).increment();
                                log.debug("Could not {} idempotency key {}: {}", operation, key, error.toString());
                            }
                        });
            } catch (RedisException e) {
                idempotencyFailOpen.get(operation).increment();
                log.debug("Could not {} idempotency key {}: {}", operation, key, e.toString());
            }
        }
    }

    private static Counter conflicts(MeterRegistry meters, String reason) {
        return Counter.builder("ratings.idempotency.conflicts")
                .description("Requests refused because their Idempotency-Key was in flight (409) or reused (422)")
                .tag("reason", reason)
                .register(meters);
    }

    private static Counter idempotencyFailOpen(MeterRegistry meters, String operation) {
        return Counter.builder("ratings.idempotency.fail.open")
                .description("Idempotency-Key operations skipped because Redis was unavailable")
                .tag("operation", operation)
                .register(meters);
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
