package dev.ratings.sink.windows;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/** Window results for tests: every field distinct, doubles that punish any lossy conversion. */
public final class WindowResults {

    public static final ScoreParameters PARAMETERS = ScoreParameters.DEFAULTS;
    public static final long WINDOW_MS = PARAMETERS.windowSizeMs();

    /** The window of 2024-06-01T00:00:00Z. */
    public static final long JUNE_2024 = 1_717_200_000_000L / WINDOW_MS;

    private WindowResults() {}

    /** The result of post {@code postId} for its {@code window}-th window after June 2024. */
    public static WindowResult result(long postId, long window, long generation) {
        double shade = postId * 1e-6 + window * 1e-9;
        return WindowResult.of(
                postId,
                (JUNE_2024 + window) * WINDOW_MS,
                new WindowResult.Counts(41 + window, 7, 13, 29 + window, 29.0 / 13 + shade),
                new WindowResult.State(
                        1.0 / 3 + shade,
                        0.1 + 0.2 + shade,
                        Math.nextUp(4.0) + shade,
                        Math.PI * 3 + shade,
                        Math.E + shade,
                        Math.nextDown(2.5) - shade),
                null,
                PARAMETERS,
                generation);
    }

    /** A decay-v2 result of post {@code postId}: the pools and the trust parameters filled, all distinct. */
    public static WindowResult decayV2(long postId, long window, long generation) {
        WindowResult r = result(postId, window, generation);
        double shade = postId * 1e-6 + window * 1e-9;
        return WindowResult.of(
                postId,
                r.window().start(),
                r.counts(),
                r.state(),
                new WindowResult.Pools(
                        30 + window,
                        11,
                        0.7 + shade,
                        4.4 + shade,
                        12.0 / 7 + shade,
                        Math.PI + shade,
                        Math.nextUp(0.05) + shade,
                        0.15 + shade,
                        Math.nextDown(1.0) - shade),
                ScoreParameters.DECAY_V2_DEFAULTS,
                generation);
    }

    /** Extremes a float8 column must keep bit for bit: subnormal, huge, negative zero. */
    public static WindowResult extreme(long postId, long window, long generation) {
        WindowResult r = result(postId, window, generation);
        ScoreParameters negativeZeroPrior = new ScoreParameters(
                PARAMETERS.algorithm(),
                PARAMETERS.windowSizeMs(),
                PARAMETERS.decayFactor(),
                PARAMETERS.priorMean(),
                -0.0,
                PARAMETERS.burstFactor(),
                PARAMETERS.burstFloor(),
                PARAMETERS.baselineSmoothing(),
                null);
        return new WindowResult(
                r.postId(),
                r.window(),
                new WindowResult.Counts(
                        r.counts().ratingsInWindow(),
                        r.counts().newRaters(),
                        r.counts().ratingCount(),
                        r.counts().ratingSum(),
                        -0.0),
                new WindowResult.State(
                        Double.MIN_VALUE, Double.MAX_VALUE, Math.ulp(1.0), 1e-310, Math.nextUp(0.0) * 3, 0.1 + 0.7),
                null,
                negativeZeroPrior,
                r.generation());
    }

    /** The same result with another score, as a buggy or replayed producer might send. */
    public static WindowResult withScore(WindowResult r, double score) {
        WindowResult.State s = r.state();
        return new WindowResult(
                r.postId(),
                r.window(),
                r.counts(),
                new WindowResult.State(
                        s.burstWeight(), s.baseline(), s.weightedCount(), s.weightedSum(), s.target(), score),
                r.pools(),
                r.parameters(),
                r.generation());
    }
}
