package dev.ratings.ingest.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.rate-limit.*}: what one user may do.
 *
 * @param burst how many requests a user may make at once (the size of a token bucket per user and
 *     action: rating, creating posts)
 * @param perSecond how fast the bucket refills, in requests per second (may be fractional)
 * @param perPostPerWindow how many ratings one user may give one post within one window of {@code
 *     ratings.window.size}: bounds exactly what one account adds to that window's event count
 */
@ConfigurationProperties("ratings.rate-limit")
public record RateLimitSettings(
        @DefaultValue("20") int burst,
        @DefaultValue("5") double perSecond,
        @DefaultValue("3") int perPostPerWindow) {

    public RateLimitSettings {
        if (burst < 1) {
            throw new IllegalArgumentException("ratings.rate-limit.burst must be at least 1, was " + burst);
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(
                    "ratings.rate-limit.per-second must be a positive number, was " + perSecond);
        }
        if (perPostPerWindow < 1) {
            throw new IllegalArgumentException(
                    "ratings.rate-limit.per-post-per-window must be at least 1, was " + perPostPerWindow);
        }
    }

    /** The bucket in words, for problem details: "at most 20 times at once and 5 times per second". */
    public String described() {
        return TokenBucket.described(burst, perSecond);
    }
}
