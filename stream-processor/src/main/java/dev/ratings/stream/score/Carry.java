package dev.ratings.stream.score;

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

    /** A running sum over the post's raters, as the previous window left it (0 at first). */
    double sum(ToDoubleFunction<WindowResult> of) {
        return previous == null ? 0 : of.applyAsDouble(previous);
    }
}
