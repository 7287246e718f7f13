package dev.ratings.contract;

/** Window results of both algorithms for the contract's tests. */
final class Samples {

    static final WindowResult DECAY_V1 = WindowResult.of(
            42,
            1_767_225_600_000L,
            new WindowResult.Counts(3, 2, 2, 7, 3.5),
            new WindowResult.State(1.0 / 3, 0.6000000000000001, 2.0, 7.0, 3.5, Math.nextUp(3.0)),
            null,
            ScoreParameters.DEFAULTS,
            5);

    static final WindowResult DECAY_V2 = WindowResult.of(
            43,
            1_767_225_600_000L,
            new WindowResult.Counts(12, 12, 12, 30, 2.5),
            new WindowResult.State(1.0, 0.4, 2.3, 8.1, 3.5217391304347827, 3.0130434782608697),
            new WindowResult.Pools(2, 10, 1.0, 2.0, 2.0, 7.0, 0.5, 1.1, 0.6),
            ScoreParameters.DECAY_V2_DEFAULTS,
            6);

    private Samples() {}
}
