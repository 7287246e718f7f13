package dev.ratings.ingest.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;

/**
 * The token bucket, as Lua functions that every admission script starts with, so that a limit
 * costs no round trip of its own.
 *
 * <p>A bucket is a hash {@code {tokens, at}} refilled lazily from Redis's own clock (every instance
 * sees one clock); it expires once it would be full again. Scripts that keep limits start with
 * {@link #KEEPS_WORKING_WHEN_FULL}: a bucket is tiny and short-lived, so a Redis at {@code
 * maxmemory} still records it rather than let every limit go unchecked.
 */
public final class TokenBucket {

    /**
     * Lets the script write even when Redis is at {@code maxmemory} under {@code noeviction}
     * (Redis 7 script flags); without it, the script's first write fails with an OOM error.
     */
    public static final String KEEPS_WORKING_WHEN_FULL = "#!lua flags=allow-oom\n";

    /**
     * {@code bucketTokens(key, burst, perMs)} returns the tokens in the bucket now (a missing bucket
     * is full) and Redis's time in ms; {@code takeToken(key, burst, perMs, tokens, now)} takes one.
     */
    public static final String FUNCTIONS = """
            local function bucketTokens(key, burst, perMs)
              local time = redis.call('TIME')
              local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
              local bucket = redis.call('HMGET', key, 'tokens', 'at')
              local tokens = burst
              if bucket[1] then
                tokens = math.min(burst, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * perMs)
              end
              return tokens, now
            end
            local function takeToken(key, burst, perMs, tokens, now)
              redis.call('HSET', key, 'tokens', tostring(tokens - 1), 'at', tostring(now))
              redis.call('PEXPIRE', key, math.ceil(burst / perMs) + 1000)
            end
            """;

    private TokenBucket() {}

    /** "at most 20 times at once and 5 times per second". */
    public static String described(int burst, double perSecond) {
        return "at most " + burst + " times at once and "
                + BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString() + " times per second";
    }

    /** 429s of this action; every limiter counts under this name. */
    public static Counter limitedCounter(MeterRegistry meters, String action) {
        return Counter.builder("ratings.rate.limited")
                .description("Requests refused with 429 by a rate limit")
                .tag("action", action)
                .register(meters);
    }

    /** Requests of this action let through unchecked, by why Redis could not check them. */
    public static Counter failOpenCounter(MeterRegistry meters, String action, String reason) {
        return Counter.builder("ratings.rate.limit.fail.open")
                .description("Requests let through without a rate-limit check because Redis was unavailable or slow")
                .tag("action", action)
                .tag("reason", reason)
                .register(meters);
    }
}
