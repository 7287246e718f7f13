package dev.ratings.contract;

import java.util.Arrays;

/** Which formula computes the scores of a generation ({@code ratings.algorithm}). */
public enum ScoreAlgorithm {
    /** The burst-resistant decay score of SPEC's "The score". */
    DECAY_V1("decay-v1"),
    /** decay-v1 with rater trust: raters without a history weigh less and hold a bounded share. */
    DECAY_V2("decay-v2");

    private final String id;

    ScoreAlgorithm(String id) {
        this.id = id;
    }

    /** The name in JSON, SQL and settings, e.g. {@code decay-v1}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the algorithms there are */
    public static ScoreAlgorithm of(String id) {
        return Arrays.stream(values())
                .filter(algorithm -> algorithm.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("algorithm must be one of "
                        + Arrays.stream(values()).map(ScoreAlgorithm::id).toList() + ", was " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
