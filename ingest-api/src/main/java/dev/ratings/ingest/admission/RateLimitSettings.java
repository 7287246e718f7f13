package dev.ratings.ingest.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.rate-limit.*}: a token bucket per user and action.
 *
 * @param burst how many requests a user may make at once (the bucket's size)
 * @param perSecond how fast the bucket refills, in requests per second (may be fractional)
 */
@ConfigurationProperties("ratings.rate-limit")
public record RateLimitSettings(
        @DefaultValue("20") int burst, @DefaultValue("5") double perSecond) {

    public RateLimitSettings {
        if (burst < 1) {
            throw new IllegalArgumentException("ratings.rate-limit.burst must be at least 1, was " + burst);
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(
                    "ratings.rate-limit.per-second must be a positive number, was " + perSecond);
        }
    }
}
