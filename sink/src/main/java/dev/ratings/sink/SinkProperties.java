package dev.ratings.sink;

import dev.ratings.contract.ScoreApplications;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Settings of the sink ({@code ratings.sink.*}).
 *
 * @param retry how a batch that could not be written (database down) is retried: forever, with an
 *     exponential back-off between {@code initial-interval} and {@code max-interval}
 * @param promotion how the sink decides that a replay becomes current
 * @param chunkSize window results per pair of statements: a consumed batch is written in one
 *     transaction, chunk after chunk, the next chunk read and prepared while PostgreSQL writes this
 *     one; at {@code max-poll-records} or more, nothing overlaps
 * @param sessionTimeout how long a sink that stopped answering (killed, frozen) keeps its partitions
 *     before the other instances take them over; Kafka's default of 45 s held windows back that
 *     long after a kill -9 of one of two sinks
 */
@ConfigurationProperties("ratings.sink")
public record SinkProperties(
        @DefaultValue Retry retry,
        @DefaultValue Promotion promotion,
        @DefaultValue("500") int chunkSize,
        @DefaultValue("PT10S") Duration sessionTimeout) {

    public SinkProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("ratings.sink.chunk-size must be at least 1, was " + chunkSize);
        }
        if (sessionTimeout.toMillis() < 6000) {
            throw new IllegalArgumentException(
                    "ratings.sink.session-timeout must be at least 6 s (the broker's group.min.session.timeout.ms)");
        }
    }

    /** For every consumer group the sink's instances share: the session, with heartbeats three times in it. */
    public Map<String, Object> groupMembership() {
        int session = (int) sessionTimeout.toMillis();
        return Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                session,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                session / 3);
    }

    /**
     * @param checkInterval how often a replay's progress is checked
     * @param applicationIdPrefix the stream processor's {@code ratings.streams.application-id-prefix}:
     *     generation n's consumer group is this plus {@code -g<n>}
     * @param transactionalId of the producer that writes promotions, the same on every instance so
     *     that a new one fences an old one
     */
    public record Promotion(
            @DefaultValue("PT1S") Duration checkInterval,
            @DefaultValue(ScoreApplications.DEFAULT_PREFIX) String applicationIdPrefix,
            @DefaultValue("ratings-sink-promoter") String transactionalId) {}

    /**
     * @param initialInterval the first pause before writing a failed batch again
     * @param maxInterval the longest pause between two attempts
     */
    public record Retry(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("30s") Duration maxInterval) {

        public Retry {
            if (initialInterval.isNegative() || initialInterval.isZero()) {
                throw new IllegalArgumentException("ratings.sink.retry.initial-interval must be positive");
            }
            if (maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException(
                        "ratings.sink.retry.max-interval must not be shorter than initial-interval");
            }
        }

        /** The back-off between retries: doubling from the initial interval up to the maximum, for ever. */
        public ExponentialBackOff backOff() {
            ExponentialBackOff backOff =
                    new ExponentialBackOff(initialInterval.toMillis(), ExponentialBackOff.DEFAULT_MULTIPLIER);
            backOff.setMaxInterval(maxInterval.toMillis());
            return backOff;
        }
    }
}
