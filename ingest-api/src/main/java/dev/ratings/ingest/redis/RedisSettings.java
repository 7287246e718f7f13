package dev.ratings.ingest.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.redis.*}.
 *
 * @param url where Redis is, {@code redis://[:password@]host:port[/db]}
 * @param commandTimeout how long a command may take before the cache counts as unavailable; short,
 *     because Redis is only a cache here and a request must not wait on it
 * @param reconnectInterval how often to try again when Redis was unreachable at startup (after the
 *     first connection the client reconnects by itself)
 * @param keyPrefix prefix of every key this service writes
 */
@ConfigurationProperties("ratings.redis")
public record RedisSettings(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("PT0.25S") Duration commandTimeout,
        @DefaultValue("PT1S") Duration reconnectInterval,
        @DefaultValue("ratings:") String keyPrefix) {

    public RedisSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ratings.redis.url must be set");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("ratings.redis.command-timeout must be positive");
        }
        if (reconnectInterval.isNegative()) {
            throw new IllegalArgumentException("ratings.redis.reconnect-interval must not be negative");
        }
    }
}
