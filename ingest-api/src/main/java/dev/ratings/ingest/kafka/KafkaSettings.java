package dev.ratings.ingest.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ratings.kafka.*}.
 *
 * @param partitions partition count of the main topics when this service creates them
 * @param replicationFactor replicas of each topic when this service creates it; -1 takes the
 *     broker's {@code default.replication.factor}
 * @param sendTimeout how long a rating may wait for Kafka's acknowledgement before the client is
 *     told to retry; the producer's own timeouts are derived from it so that it gives up in time.
 *     8 s: the 7 s it leaves the delivery outlast the failover of a killed broker that was also the
 *     controller (4-5 s on two busy cores with the cluster settings of {@code ./ratings}, until the
 *     new leader's follower has caught up for {@code acks=all}; docs/operations.md)
 */
@ConfigurationProperties("ratings.kafka")
public record KafkaSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("-1") short replicationFactor,
        @DefaultValue("PT8S") Duration sendTimeout) {

    public KafkaSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("ratings.kafka.partitions must be at least 1, was " + partitions);
        }
        if (sendTimeout.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("ratings.kafka.send-timeout must be at least 300ms, was " + sendTimeout);
        }
    }
}
