package dev.ratings.stream.windows;

import dev.ratings.contract.ScoreParameters;
import java.time.Duration;

/**
 * What the topology needs to know: the score parameters, how long a window stays open after its
 * end, which generation of scores it computes, and how many partitions {@code ratings} has (decay-v2
 * gives its repartition topics as many, and each stage waits for the watermarks of all of them).
 */
public record TopologySettings(ScoreParameters parameters, Duration grace, long generation, int partitions) {

    public TopologySettings {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }
}
