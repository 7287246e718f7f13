package dev.ratings.ingest.limits;

import dev.ratings.ingest.redis.LuaScript;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per subject in Redis ({@code <prefix>rate:{<subject>}:<action>}), checked and taken
 * by one script in one round trip. When Redis is down or does not answer in time the request goes
 * ahead (fail open) and {@code ratings.rate.limit.fail.open{action, reason}} counts it; when Redis
 * is full the limit still holds (see {@link TokenBucket#KEEPS_WORKING_WHEN_FULL}).
 */
final class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    static final LuaScript TAKE = new LuaScript(TokenBucket.KEEPS_WORKING_WHEN_FULL + TokenBucket.FUNCTIONS + """
            local burst = tonumber(ARGV[1])
            local perMs = tonumber(ARGV[2]) / 1000
            local tokens, now = bucketTokens(KEYS[1], burst, perMs)
            if tokens < 1 then
              return math.ceil((1 - tokens) / perMs)
            end
            takeToken(KEYS[1], burst, perMs, tokens, now)
            return 0
            """);

    private final SharedRedisConnection redis;
    private final String keyPrefix;
    private final String keySuffix;
    private final String action;
    private final String burst;
    private final String perSecond;
    private final String described;
    private final Counter limited;
    private final MeterRegistry meters;

    RedisRateLimiter(
            SharedRedisConnection redis,
            String keyPrefix,
            String action,
            int burst,
            double perSecond,
            MeterRegistry meters) {
        this.redis = redis;
        this.keyPrefix = keyPrefix + "rate:{";
        this.keySuffix = "}:" + action;
        this.action = action;
        this.burst = Integer.toString(burst);
        this.perSecond = Double.toString(perSecond);
        this.described = TokenBucket.described(burst, perSecond);
        this.meters = meters;
        this.limited = TokenBucket.limitedCounter(meters, action);
        TokenBucket.failOpenCounter(meters, action, SharedRedisConnection.UNAVAILABLE);
    }

    @Override
    public Decision take(String subject) {
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (connection.isEmpty()) {
            return failOpen(SharedRedisConnection.UNAVAILABLE);
        }
        long waitMs;
        try {
            waitMs = TAKE.run(
                    connection.get().sync(),
                    ScriptOutputType.INTEGER,
                    new String[] {keyPrefix + subject + keySuffix},
                    burst,
                    perSecond);
        } catch (RedisException e) {
            log.debug("Rate limit {} of {} not checked: {}", action, subject, e.toString());
            return failOpen(redis.failure(e));
        }
        if (waitMs == 0) {
            return ALLOWED;
        }
        limited.increment();
        return new Limited(Duration.ofMillis(waitMs));
    }

    @Override
    public String described() {
        return described;
    }

    private Decision failOpen(String reason) {
        TokenBucket.failOpenCounter(meters, action, reason).increment();
        return ALLOWED;
    }
}
