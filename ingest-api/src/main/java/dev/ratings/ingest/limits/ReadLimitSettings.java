package dev.ratings.ingest.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.read-limit.*}: a token bucket per client address for reads ({@code GET} and
 * {@code HEAD} under {@code /api/}).
 *
 * @param burst how many reads one address may make at once
 * @param perSecond how fast the bucket refills, in reads per second (may be fractional)
 */
@ConfigurationProperties("ratings.read-limit")
record ReadLimitSettings(
        @DefaultValue("100") int burst, @DefaultValue("50") double perSecond) {

    ReadLimitSettings {
        if (burst < 1) {
            throw new IllegalArgumentException("ratings.read-limit.burst must be at least 1, was " + burst);
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(
                    "ratings.read-limit.per-second must be a positive number, was " + perSecond);
        }
    }
}
