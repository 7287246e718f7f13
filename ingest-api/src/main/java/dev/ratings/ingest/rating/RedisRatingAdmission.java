package dev.ratings.ingest.rating;

import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.limits.RateLimitSettings;
import dev.ratings.ingest.limits.TokenBucket;
import dev.ratings.ingest.redis.LuaScript;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Admission in Redis, decided by one script in one round trip: the Idempotency-Key (if the request
 * has one), the user's token bucket, the user's count of ratings of this post in this window, then
 * the token, the count and the key's reservation. A replay, a 409, a 422 or a 429 takes nothing.
 *
 * <p>Keys: {@code <prefix>rate:{user}:rate} (the bucket), {@code <prefix>rated:{user}:<post>:<window
 * start>} (the count, kept until a minute after the window) and {@code <prefix>idem:{user}:<key>};
 * the user is the hash tag, so all keys of one script sit in one slot should Redis ever be a
 * cluster.
 *
 * <p>When Redis is not connected (down), or answers an error, the request goes ahead (fail open) and
 * a metric counts it: Kafka is the source of truth, and a rating repeated because its key could not
 * be checked has the same ratingId (see {@link IdempotentRequest#ratingId}), which the stream
 * processor counts once. When Redis is
 * connected but does not answer within {@code ratings.redis.command-timeout}, or is full, a request
 * without a key goes ahead the same way, but one with a key is refused with 503: going ahead could
 * publish it twice. A full Redis still keeps every limit: the script without a key may write past
 * {@code maxmemory} ({@link TokenBucket#KEEPS_WORKING_WHEN_FULL}), as its keys are small and expire
 * within a window; the one with a key may not, since its reservation would become a day-long stored
 * response, so its first write fails and the request is refused before anything was written.
 */
@Component
class RedisRatingAdmission implements RatingIntake.Admission {

    private static final Logger log = LoggerFactory.getLogger(RedisRatingAdmission.class);
    private static final Duration RETRY_IN_FLIGHT = Duration.ofSeconds(1);
    private static final Duration RETRY_FULL = Duration.ofSeconds(5);
    /** How long a window's count outlives the window: ratings of it arrive until its end. */
    private static final long COUNT_MARGIN_MS = 60_000;

    /*
     * A key's entry: fingerprint, the event's time (at), and while a request holds it, owner and
     * lease (until when, Redis time); once answered, status and body. An entry without a valid lease
     * and without a status is a request whose event may be in the log (its publish failed, or its
     * instance died): a retry takes it over and publishes the same event again, with the same time,
     * without counting it again in the post's window ('tried' marks it).
     */
    private static final String ADMIT = TokenBucket.FUNCTIONS + """
            local burst = tonumber(ARGV[1])
            local perMs = tonumber(ARGV[2]) / 1000
            local tokens, now = bucketTokens(KEYS[1], burst, perMs)
            local resend = false
            if KEYS[3] then
              local entry = redis.call('HMGET', KEYS[3], 'fingerprint', 'status', 'body', 'owner', 'lease', 'at')
              if entry[1] then
                if entry[1] ~= ARGV[5] then return {'reused'} end
                if entry[2] then return {'replay', entry[2], entry[3]} end
                if entry[4] and (not entry[5] or tonumber(entry[5]) > now) then return {'in-flight'} end
                resend = entry[6] or ARGV[8]
              end
            end
            if tokens < 1 then
              return {'limited', math.ceil((1 - tokens) / perMs)}
            end
            if not resend and tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then
              return {'post-limited'}
            end
            takeToken(KEYS[1], burst, perMs, tokens, now)
            if not resend then
              redis.call('INCR', KEYS[2])
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            if KEYS[3] then
              redis.call('HSET', KEYS[3], 'fingerprint', ARGV[5], 'owner', ARGV[6],
                  'lease', tostring(now + tonumber(ARGV[7])), 'at', resend or ARGV[8])
              if resend then redis.call('HSET', KEYS[3], 'tried', '1') end
              redis.call('PEXPIRE', KEYS[3], ARGV[9])
              if resend then return {'resend', resend} end
            end
            return {'admitted'}
            """;

    /** Without a key: keeps the limits when Redis is full. */
    static final LuaScript ADMIT_UNKEYED = new LuaScript(TokenBucket.KEEPS_WORKING_WHEN_FULL + ADMIT);

    /** With a key: a full Redis refuses its first write, so nothing is reserved unchecked. */
    static final LuaScript ADMIT_KEYED = new LuaScript(ADMIT);

    /** Stores the response, unless the reservation is no longer this request's. */
    static final LuaScript COMPLETE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              redis.call('HSET', KEYS[1], 'status', ARGV[2], 'body', ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              return 1
            end
            return 0
            """);

    /** Gives the request up (if this request's), keeping its event's time for the retry. */
    static final LuaScript RELEASE = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
              redis.call('HDEL', KEYS[1], 'owner', 'lease')
              return redis.call('HSET', KEYS[1], 'tried', '1')
            end
            return 0
            """);

    /**
     * Frees the key (if this request's) and gives the rating back to the post's count: without a
     * key, always (it was admitted); with one, only if the reservation proves this request's
     * admission. A key whose event an earlier try may have published is only given up, as by
     * {@link #RELEASE}: that try took the count.
     */
    static final LuaScript CANCEL = new LuaScript(TokenBucket.KEEPS_WORKING_WHEN_FULL + """
            if KEYS[2] then
              local entry = redis.call('HMGET', KEYS[2], 'owner', 'tried')
              if entry[1] ~= ARGV[1] then return 0 end
              if entry[2] then
                redis.call('HDEL', KEYS[2], 'owner', 'lease')
                return 1
              end
              redis.call('DEL', KEYS[2])
            end
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
              redis.call('DECR', KEYS[1])
            end
            return 1
            """);

    private final SharedRedisConnection redis;
    private final RateLimitSettings limits;
    private final IdempotencySettings idempotency;
    private final RatingWindow window;
    private final String keyPrefix;
    private final String burst;
    private final String perSecond;
    private final String perPostPerWindow;
    private final String inFlightTtl;
    private final String storedTtl;
    private final MeterRegistry meters;
    private final Counter rateLimited;
    private final Counter postLimited;
    private final Counter replays;
    private final Counter resends;
    private final Counter inFlight;
    private final Counter reused;
    private final Counter keyTimeouts;

    RedisRatingAdmission(
            SharedRedisConnection redis,
            RedisSettings redisSettings,
            RateLimitSettings limits,
            IdempotencySettings idempotency,
            KafkaSettings kafka,
            RatingWindow window,
            MeterRegistry meters) {
        // a reservation that expired while its publish is still running would let a retry publish too
        if (idempotency.inFlightTtl().compareTo(kafka.sendTimeout()) <= 0) {
            throw new IllegalArgumentException("ratings.idempotency.in-flight-ttl (" + idempotency.inFlightTtl()
                    + ") must be longer than ratings.kafka.send-timeout (" + kafka.sendTimeout() + ")");
        }
        this.redis = redis;
        this.limits = limits;
        this.idempotency = idempotency;
        this.window = window;
        this.keyPrefix = redisSettings.keyPrefix();
        this.burst = Integer.toString(limits.burst());
        this.perSecond = Double.toString(limits.perSecond());
        this.perPostPerWindow = Integer.toString(limits.perPostPerWindow());
        this.inFlightTtl = Long.toString(idempotency.inFlightTtl().toMillis());
        this.storedTtl = Long.toString(idempotency.ttl().toMillis());
        this.meters = meters;
        this.rateLimited = TokenBucket.limitedCounter(meters, "rate");
        this.postLimited = TokenBucket.limitedCounter(meters, "re-rate");
        TokenBucket.failOpenCounter(meters, "rate", SharedRedisConnection.UNAVAILABLE);
        this.replays = Counter.builder("ratings.idempotent.replays")
                .description("Retries answered with the stored response of their Idempotency-Key")
                .register(meters);
        this.resends = Counter.builder("ratings.idempotency.resends")
                .description("Retries of a request whose earlier try failed or went unanswered: the same event"
                        + " (same ratingId and time) published again, counted once downstream")
                .register(meters);
        this.inFlight = conflicts(meters, "in-flight");
        this.reused = conflicts(meters, "different-request");
        this.keyTimeouts = Counter.builder("ratings.idempotency.timeouts")
                .description("Requests with an Idempotency-Key refused with 503 because Redis did not answer in time"
                        + " (also counted as ratings.idempotency.refused{reason=timeout})")
                .register(meters);
        refused(SharedRedisConnection.TIMEOUT);
        idempotencyFailOpen("admit", SharedRedisConnection.UNAVAILABLE);
    }

    @Override
    public RatingOutcome.Decision admit(
            String userId, long postId, long acceptedAt, Optional<IdempotentRequest> request) {
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (connection.isEmpty()) {
            return failOpen(request, acceptedAt, SharedRedisConnection.UNAVAILABLE);
        }
        long windowStart = window.startOf(acceptedAt);
        String count = keyPrefix + "rated:{" + userId + "}:" + postId + ":" + windowStart;
        String countTtl = Long.toString(windowStart + window.size().toMillis() - acceptedAt + COUNT_MARGIN_MS);
        String bucket = keyPrefix + "rate:{" + userId + "}:rate";
        String key = request.isPresent()
                ? keyPrefix + "idem:{" + userId + "}:" + request.get().key().value()
                : null;
        String owner = key == null ? "" : UUID.randomUUID().toString();
        List<Object> reply;
        try {
            reply = key == null
                    ? ADMIT_UNKEYED.run(
                            connection.get().sync(),
                            ScriptOutputType.MULTI,
                            new String[] {bucket, count},
                            burst,
                            perSecond,
                            perPostPerWindow,
                            countTtl)
                    : ADMIT_KEYED.run(
                            connection.get().sync(),
                            ScriptOutputType.MULTI,
                            new String[] {bucket, count, key},
                            burst,
                            perSecond,
                            perPostPerWindow,
                            countTtl,
                            request.get().fingerprint(),
                            owner,
                            inFlightTtl,
                            Long.toString(acceptedAt),
                            storedTtl);
        } catch (RedisException e) {
            String reason = redis.failure(e);
            if (key != null
                    && (reason.equals(SharedRedisConnection.TIMEOUT) || reason.equals(SharedRedisConnection.FULL))) {
                return keyNotChecked(reason, new RedisTicket(count, key, owner));
            }
            log.debug("Redis could not admit a rating of {}, let through unchecked: {}", userId, e.toString());
            return failOpen(request, acceptedAt, reason);
        }
        switch ((String) reply.get(0)) {
            case "admitted":
                return new RatingOutcome.Admitted(new RedisTicket(count, key, owner), acceptedAt);
            case "resend":
                resends.increment();
                return new RatingOutcome.Admitted(
                        new RedisTicket(count, key, owner), Long.parseLong((String) reply.get(1)));
            case "limited":
                rateLimited.increment();
                return new RatingOutcome.RateLimited(
                        userId, limits.burst(), limits.perSecond(), Duration.ofMillis((Long) reply.get(1)));
            case "post-limited":
                postLimited.increment();
                return new RatingOutcome.PostLimited(
                        userId,
                        postId,
                        limits.perPostPerWindow(),
                        window.size(),
                        Duration.ofMillis(windowStart + window.size().toMillis() - acceptedAt));
            case "replay":
                replays.increment();
                return new RatingOutcome.Replayed(Integer.parseInt((String) reply.get(1)), (String) reply.get(2));
            case "in-flight":
                inFlight.increment();
                return new RatingOutcome.KeyInFlight(RETRY_IN_FLIGHT);
            case "reused":
                reused.increment();
                return new RatingOutcome.KeyReused();
            default:
                throw new IllegalStateException("unexpected answer of the admission script: " + reply);
        }
    }

    /**
     * Redis is connected but did not answer in time, or is full. Unlike an outage, a slow script may
     * still run and reserve the key, and a concurrent request with the same key may be waiting on the
     * same answer: going ahead could publish the rating twice. So a request with a key is refused
     * (retryable), and a cancel sent after the script on the same connection undoes what it did
     * should it run late. A full Redis wrote nothing (the script failed at its first write).
     */
    private RatingOutcome.Decision keyNotChecked(String reason, RedisTicket ticket) {
        refused(reason).increment();
        if (reason.equals(SharedRedisConnection.TIMEOUT)) {
            keyTimeouts.increment();
            ticket.cancel();
            return new RatingOutcome.KeyUnchecked(reason, RETRY_IN_FLIGHT);
        }
        return new RatingOutcome.KeyUnchecked(reason, RETRY_FULL);
    }

    private RatingOutcome.Decision failOpen(Optional<IdempotentRequest> request, long acceptedAt, String reason) {
        TokenBucket.failOpenCounter(meters, "rate", reason).increment();
        if (request.isPresent()) {
            idempotencyFailOpen("admit", reason).increment();
        }
        return new RatingOutcome.Admitted(RatingIntake.Ticket.NONE, acceptedAt);
    }

    /** What one admitted request reserved: its owner id makes sure it only touches its own key. */
    private final class RedisTicket implements RatingIntake.Ticket {

        private final String count;
        private final String key;
        private final String owner;

        RedisTicket(String count, String key, String owner) {
            this.count = count;
            this.key = key;
            this.owner = owner;
        }

        @Override
        public void complete(StoredResponse response) {
            if (key != null) {
                send(
                        "complete",
                        COMPLETE,
                        new String[] {key},
                        owner,
                        Integer.toString(response.status()),
                        response.body(),
                        storedTtl);
            }
        }

        @Override
        public void release() {
            if (key != null) {
                send("release", RELEASE, new String[] {key}, owner);
            }
        }

        @Override
        public void cancel() {
            send("release", CANCEL, key == null ? new String[] {count} : new String[] {count, key}, owner);
        }

        /**
         * Dispatched without waiting; one connection keeps it ahead of later commands of this instance,
         * so a retry right after the 202 finds the stored response.
         */
        private void send(String operation, LuaScript script, String[] keys, String... args) {
            Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
            if (connection.isEmpty()) {
                idempotencyFailOpen(operation, SharedRedisConnection.UNAVAILABLE)
                        .increment();
                return;
            }
            try {
                script.sendAsync(connection.get().async(), ScriptOutputType.INTEGER, keys, args)
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                failed(operation, error);
                            } else if (script == COMPLETE && Long.valueOf(1).equals(done)) {
                                redis.wrote(); // a stored response is a write a full Redis refuses
                            }
                        });
            } catch (RedisException e) {
                failed(operation, e);
            }
        }

        private void failed(String operation, Throwable error) {
            idempotencyFailOpen(operation, redis.failure(error)).increment();
            log.debug("Could not {} idempotency key {}: {}", operation, key, error.toString());
        }
    }

    private Counter idempotencyFailOpen(String operation, String reason) {
        return Counter.builder("ratings.idempotency.fail.open")
                .description("Idempotency-Key operations skipped because Redis was unavailable, slow or full")
                .tag("operation", operation)
                .tag("reason", reason)
                .register(meters);
    }

    private Counter refused(String reason) {
        return Counter.builder("ratings.idempotency.refused")
                .description("Ratings with an Idempotency-Key refused with 503 because Redis could not check or"
                        + " reserve the key (slow or full)")
                .tag("reason", reason)
                .register(meters);
    }

    private static Counter conflicts(MeterRegistry meters, String reason) {
        return Counter.builder("ratings.idempotency.conflicts")
                .description("Requests refused because their Idempotency-Key was in flight (409) or reused (422)")
                .tag("reason", reason)
                .register(meters);
    }
}
