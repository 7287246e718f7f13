package dev.ratings.sink.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pipeline's topics are created when this service is the first to start.
 *
 * @param partitions partitions of the main topics ({@code ratings.kafka.partitions})
 * @param replicationFactor replicas of each topic when this service creates it; -1 takes the
 *     broker's {@code default.replication.factor}
 */
@ConfigurationProperties("ratings.kafka")
record TopicProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("-1") short replicationFactor) {

    TopicProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("ratings.kafka.partitions must be at least 1, was " + partitions);
        }
    }
}
