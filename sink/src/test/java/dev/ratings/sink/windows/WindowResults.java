package dev.ratings.sink.windows;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/** Window results for tests: every field distinct, doubles that punish any lossy conversion. */
public final class WindowResults {

    public static final long WINDOW_MS = 300_000;

    /** The window of 2024-06-01T00:00:00Z. */
    public static final long JUNE_2024 = 1_717_200_000_000L / WINDOW_MS;

    private WindowResults() {}

    /** The result of post {@code postId} for its {@code window}-th window after June 2024. */
    public static WindowResult result(long postId, long window, long generation) {
        long start = (JUNE_2024 + window) * WINDOW_MS;
        double shade = postId * 1e-6 + window * 1e-9;
        return new WindowResult(
                postId,
                start,
                start + WINDOW_MS,
                41 + window,
                7,
                1.0 / 3 + shade,
                0.1 + 0.2 + shade,
                13,
                29 + window,
                29.0 / 13 + shade,
                Math.nextUp(4.0) + shade,
                Math.PI * 3 + shade,
                Math.E + shade,
                Math.nextDown(2.5) - shade,
                ScoreParameters.ALGORITHM,
                WINDOW_MS,
                0.5,
                2.5,
                0,
                3,
                10,
                0.2,
                generation);
    }

    /** Extremes a float8 column must keep bit for bit: subnormal, huge, negative zero. */
    public static WindowResult extreme(long postId, long window, long generation) {
        WindowResult r = result(postId, window, generation);
        return new WindowResult(
                r.postId(),
                r.windowStart(),
                r.windowEnd(),
                r.ratingsInWindow(),
                r.newRaters(),
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                r.ratingCount(),
                r.ratingSum(),
                -0.0,
                Math.ulp(1.0),
                1e-310,
                Math.nextUp(0.0) * 3,
                0.1 + 0.7,
                r.algorithm(),
                r.windowSizeMs(),
                r.decayFactor(),
                r.priorMean(),
                -0.0,
                r.burstFactor(),
                r.burstFloor(),
                r.baselineSmoothing(),
                r.generation());
    }

    /** The same result with another score, as a buggy or replayed producer might send. */
    public static WindowResult withScore(WindowResult r, double score) {
        return new WindowResult(
                r.postId(),
                r.windowStart(),
                r.windowEnd(),
                r.ratingsInWindow(),
                r.newRaters(),
                r.burstWeight(),
                r.baseline(),
                r.ratingCount(),
                r.ratingSum(),
                r.rawAverage(),
                r.weightedCount(),
                r.weightedSum(),
                r.target(),
                score,
                r.algorithm(),
                r.windowSizeMs(),
                r.decayFactor(),
                r.priorMean(),
                r.priorWeight(),
                r.burstFactor(),
                r.burstFloor(),
                r.baselineSmoothing(),
                r.generation());
    }
}
