package dev.ratings.contract;

import java.util.Objects;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The score of one post at the close of one of its active windows: the value of {@link
 * Topics#POST_RATING_WINDOWS} and {@link Topics#POST_SCORES} records and a row of {@code
 * post_rating_windows}.
 *
 * <p>In Java it is nested by meaning; in JSON and SQL it is one flat object or row whose fields and
 * columns are listed once, in {@link FlatFields#WINDOW_RESULT}.
 *
 * @param window the window, in epoch milliseconds
 * @param counts the plain counts of the window and of the post's raters
 * @param state the weights, target and score: what the post carries into its next active window; under
 *     {@code decay-v2} its burst weight and baseline are those of the trusted raters' pool
 * @param pools the two pools of {@code decay-v2}; null under {@code decay-v1}
 * @param generation which computation of the scores this result belongs to (see {@link GenerationEvent})
 */
@JsonSerialize(using = FlatJson.WindowResultWriter.class)
@JsonDeserialize(using = FlatJson.WindowResultReader.class)
public record WindowResult(
        long postId,
        Window window,
        Counts counts,
        State state,
        Pools pools,
        ScoreParameters parameters,
        long generation) {

    public WindowResult {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(parameters, "parameters");
        if ((pools != null) != (parameters.algorithm() == ScoreAlgorithm.DECAY_V2)) {
            throw new IllegalArgumentException("the pool fields are those of decay-v2 results and only of them");
        }
    }

    /**
     * A result of the window of the parameters' size starting at {@code windowStart}.
     *
     * @param pools null for {@code decay-v1} parameters
     */
    public static WindowResult of(
            long postId,
            long windowStart,
            Counts counts,
            State state,
            Pools pools,
            ScoreParameters parameters,
            long generation) {
        return new WindowResult(
                postId, Window.starting(windowStart, parameters), counts, state, pools, parameters, generation);
    }

    /**
     * A window {@code [start, end)} in epoch milliseconds; in JSON {@code windowStart} and {@code
     * windowEnd}.
     */
    public record Window(long start, long end) {

        /** The window of the given parameters' size starting at {@code start}. */
        public static Window starting(long start, ScoreParameters parameters) {
            return new Window(start, start + parameters.windowSizeMs());
        }
    }

    /**
     * @param ratingsInWindow N_t: rating events counted in this window, re-ratings included
     * @param newRaters users whose first rating of the post is in this window
     * @param ratingCount C: distinct raters of the post, each with their latest rating
     * @param ratingSum the sum of the raters' latest ratings
     * @param rawAverage ratingSum / ratingCount
     */
    public record Counts(long ratingsInWindow, long newRaters, long ratingCount, long ratingSum, double rawAverage) {}

    /**
     * @param burstWeight w_t, the weight of this window's ratings
     * @param baseline b_t, the smoothed number of rating events per active window
     * @param weightedCount the sum of the raters' weights
     * @param weightedSum the sum of weight × rating over the raters
     * @param target T_t, what the score converges to
     * @param score S_t, at the window's end
     */
    public record State(
            double burstWeight,
            double baseline,
            double weightedCount,
            double weightedSum,
            double target,
            double score) {}

    /**
     * The raters of {@code decay-v2}'s two pools: trusted (pool E, whose burst weight and baseline
     * are in {@link State}) and on probation (pool P).
     *
     * @param trustedInWindow N_E: this window's rating events by trusted raters
     * @param probationInWindow N_P: this window's rating events by raters on probation
     * @param probationBurstWeight w_P, the burst weight of pool P in this window
     * @param probationBaseline b_P, pool P's smoothed events per active window
     * @param trustedWeight W_E, the sum of the trusted raters' weights
     * @param trustedWeightedSum R_E, the sum of weight × rating over the trusted raters
     * @param probationWeight W_P, the sum of the weights of the raters on probation
     * @param probationWeightedSum R_P, the sum of weight × rating over the raters on probation
     * @param probationScale s, what pool P's weights count at in the target: at most σ·max(W_E, f_E)
     *     in all
     */
    public record Pools(
            long trustedInWindow,
            long probationInWindow,
            double probationBurstWeight,
            double probationBaseline,
            double trustedWeight,
            double trustedWeightedSum,
            double probationWeight,
            double probationWeightedSum,
            double probationScale) {

        /** The share of the target's weight held by raters on probation: s·W_P / (W_E + s·W_P). */
        public double probationWeightShare() {
            double probation = probationScale * probationWeight;
            double total = trustedWeight + probation;
            return total == 0 ? 0 : probation / total;
        }
    }

    /**
     * The score shown at wall time {@code nowMs}: {@code T + (S − T)·δ^n} with {@code n = ⌊(now −
     * windowEnd)/W⌋ ≥ 0}, so a quiet post keeps converging to its target.
     */
    public double scoreAt(long nowMs) {
        long quietWindows = Math.max(0, Math.floorDiv(nowMs - window.end(), parameters.windowSizeMs()));
        return parameters.carryOver(state.score(), state.target(), quietWindows);
    }
}
