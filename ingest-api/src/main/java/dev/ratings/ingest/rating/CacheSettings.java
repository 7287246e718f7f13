package dev.ratings.ingest.rating;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.cache.*}.
 *
 * @param checkInterval how often to check whether Redis still holds the cache (a marker key); when
 *     it does not — a new Redis, a flush, a requested rebuild — it is rebuilt from Kafka
 * @param maxInFlight how many cache writes a rebuild keeps in flight at once
 */
@ConfigurationProperties("ratings.cache")
record CacheSettings(
        @DefaultValue("PT10S") Duration checkInterval,
        @DefaultValue("1000") int maxInFlight) {

    CacheSettings {
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("ratings.cache.check-interval must be positive");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("ratings.cache.max-in-flight must be at least 1");
        }
    }
}
