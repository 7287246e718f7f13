package dev.ratings.ingest.rating;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.idempotency.*}.
 *
 * @param ttl how long a completed request's response is kept for replays; the API promises at least
 *     24 hours
 * @param inFlightTtl how long a request holds its key while it is being processed; it must outlast a
 *     publish ({@code ratings.kafka.send-timeout}); if the instance dies mid-request, a retry after it
 *     takes the request over and publishes the same event again
 */
@ConfigurationProperties("ratings.idempotency")
record IdempotencySettings(
        @DefaultValue("PT24H") Duration ttl,
        @DefaultValue("PT30S") Duration inFlightTtl) {

    static final Duration PROMISED_TTL = Duration.ofHours(24);

    IdempotencySettings {
        if (ttl.compareTo(PROMISED_TTL) < 0) {
            throw new IllegalArgumentException("ratings.idempotency.ttl must be at least PT24H, was " + ttl);
        }
        if (inFlightTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "ratings.idempotency.in-flight-ttl must be at least PT1S, was " + inFlightTtl);
        }
    }
}
