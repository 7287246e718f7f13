package dev.ratings.stream.score;

import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import java.util.function.ToDoubleFunction;

/**
 * Where a post stands as one of its active windows starts closing: the score of its previous
 * active window carried over the silent windows since, {@code S' = T_p + (S_p − T_p)·δ^(g−1)}, or
 * the prior mean for its first window; the same for both formulas.
 *
 * @param previous the previous active window's result; null for the post's first
 * @param silentWindows g − 1, the windows between the two without a rating (0 for the first)
 */
record Carry(long windowStart, WindowResult previous, long silentWindows, double score) {

    static Carry to(long windowStart, WindowResult previous, ScoreParameters parameters) {
        if (windowStart % parameters.windowSizeMs() != 0) {
            throw new IllegalArgumentException("windowStart " + windowStart + " is not aligned to W");
        }
        if (previous == null) {
            return new Carry(windowStart, null, 0, parameters.priorMean());
        }
        long gap = (windowStart - previous.window().start()) / parameters.windowSizeMs();
        if (gap < 1) {
            throw new IllegalArgumentException("window " + windowStart + " does not follow "
                    + previous.window().start());
        }
        WindowResult.State state = previous.state();
        return new Carry(windowStart, previous, gap - 1, parameters.carryOver(state.score(), state.target(), gap - 1));
    }

    /** A pool of the previous result carried over: its baseline read with {@code baseline} (0 at first). */
    BurstPool pool(ScoreParameters parameters, ToDoubleFunction<WindowResult> baseline, long events) {
        return BurstPool.open(
                parameters, previous == null ? 0 : baseline.applyAsDouble(previous), silentWindows, events);
    }

    /**
     * The window's state from its weighted sums: target {@code T_t = (k·m + Σ w·r)/(k + Σ w)}, score
     * {@code S_t = T_t + (S' − T_t)·δ}, with the (trusted) pool's burst weight and next baseline.
     */
    WindowResult.State state(ScoreParameters parameters, BurstPool pool, double weightedCount, double weightedSum) {
        weightedCount = nonNegative(weightedCount);
        weightedSum = nonNegative(weightedSum);
        double priorWeight = parameters.priorWeight();
        double target = rating((priorWeight * parameters.priorMean() + weightedSum) / (priorWeight + weightedCount));
        return new WindowResult.State(
                pool.weight(),
                pool.nextBaseline(parameters),
                weightedCount,
                weightedSum,
                target,
                rating(parameters.carryOver(score, target, 1)));
    }

    /**
     * The target is a weighted mean of ratings and the score lies between it and the previous one, so
     * both are in [0, 5]; but the sums are kept incrementally, and after hundreds of re-weighted
     * ratings rounding carried a target of nothing but 5s to 5.000000000000023 (golden
     * sustained-surge), outside what the contract's schema allows. Clamping moves it by those ulps only.
     */
    /**
     * A sum of weights or of weights × ratings, kept incrementally: when its last term is taken
     * away it can end a few ulps below 0, which the contract excludes; those ulps are dropped.
     */
    static double nonNegative(double sum) {
        return Math.max(0, sum);
    }

    private static double rating(double value) {
        return Math.min(RatingEvent.MAX_RATING, Math.max(RatingEvent.MIN_RATING, value));
    }

    /** The window's counts; the plain average of the raters' current ratings. */
    static WindowResult.Counts counts(long events, long newRaters, long ratingCount, long ratingSum) {
        if (ratingCount == 0) {
            throw new IllegalStateException("an active window has at least one rater");
        }
        return new WindowResult.Counts(events, newRaters, ratingCount, ratingSum, (double) ratingSum / ratingCount);
    }

    /** A running sum over the post's raters, as the previous window left it (0 at first). */
    double sum(ToDoubleFunction<WindowResult> of) {
        return previous == null ? 0 : of.applyAsDouble(previous);
    }
}
