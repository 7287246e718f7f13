package dev.ratings.ingest.rating;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.window.size}, the property the stream processor windows by: the per-post limit
 * counts a user's ratings of a post in the same windows {@code [k·W, (k+1)·W)} of {@code acceptedAt}.
 *
 * @param size W, the length of a window (the same setting as the stream processor's)
 */
@ConfigurationProperties("ratings.window")
record RatingWindow(@DefaultValue("PT5M") Duration size) {

    RatingWindow {
        if (size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("ratings.window.size must be positive, was " + size);
        }
    }

    /** The start of the window that holds this instant (epoch ms). */
    long startOf(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, size.toMillis());
    }
}
