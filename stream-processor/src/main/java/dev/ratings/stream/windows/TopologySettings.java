package dev.ratings.stream.windows;

import dev.ratings.contract.ScoreParameters;
import java.time.Duration;

/**
 * What the topology needs to know: the score parameters, how long a window stays open after its
 * end, and which generation of scores it computes.
 */
public record TopologySettings(ScoreParameters parameters, Duration grace, long generation) {

    public TopologySettings {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1");
        }
    }
}
