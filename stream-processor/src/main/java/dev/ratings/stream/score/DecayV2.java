package dev.ratings.stream.score;

import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TrustParameters;
import dev.ratings.contract.WindowResult;

/**
 * The {@code decay-v2} score: decay-v1 with rater trust. Plain arithmetic, no framework.
 *
 * <p>Trust of a rating by user {@code u} of post {@code p} in window {@code t}, from {@code u}'s
 * ratings in earlier windows only (any post, see {@link RaterHistory}): {@code a} = windows since
 * {@code u}'s first rating anywhere (0 when none), {@code d} = distinct posts other than {@code p}
 * that {@code u} rated before {@code t}. Trusted (τ = 1) when {@code a ≥ A} and {@code d ≥ D};
 * otherwise on probation with {@code τ = τ₀ + (1 − τ₀)·min(1, a/A)·min(1, d/D)} (a requirement of 0
 * counts as met).
 *
 * <p>At the close of post {@code p}'s active window {@code t}, decay-v1's steps with two pools, E =
 * trusted and P = on probation:
 *
 * <ol>
 *   <li>Carry over S' as decay-v1 does, and one baseline per pool: {@code b'_X = b_X·(1−λ)^(g−1)}
 *       (0 for the first window).
 *   <li>Per pool, with {@code N_X} this window's events by raters of pool X (re-ratings included):
 *       {@code w_X = min(1, β·max(b'_X, f)/N_X)}, 1 when {@code N_X = 0}.
 *   <li>Each user's latest rating replaces the earlier one with its window's pool and weight: {@code
 *       w_u = w_E} if trusted, else {@code τ_u·w_P}.
 *   <li>{@code W_E = Σ_E w_u}, {@code R_E = Σ_E w_u·r_u}, {@code W_P}, {@code R_P} likewise;
 *       probation scale {@code s = min(1, σ·max(W_E, f_E)/W_P)} (1 when {@code W_P = 0}); target
 *       {@code T_t = (k·m + R_E + s·R_P)/(k + W_E + s·W_P)}; {@code weightedCount = W_E + s·W_P},
 *       {@code weightedSum = R_E + s·R_P}.
 *   <li>{@code S_t = T_t + (S' − T_t)·δ}, {@code b_X = (1−λ)·b'_X + λ·N_X}.
 * </ol>
 *
 * <p>Parameters: decay-v1's, and {@code τ₀} trust floor, {@code A} trust age in windows, {@code D}
 * trust posts, {@code σ} probation share, {@code f_E} probation floor. With {@code A = D = 0}
 * everyone is trusted and the result is decay-v1's. Like decay-v1 the sums are kept incrementally;
 * the topology applies a window's raters in user id order, so the sums never depend on arrival
 * order.
 */
public final class DecayV2 implements Decay {

    private final ScoreParameters parameters;
    private final TrustParameters trust;

    public DecayV2(ScoreParameters parameters) {
        if (parameters.algorithm() != ScoreAlgorithm.DECAY_V2) {
            throw new IllegalArgumentException("not decay-v2 parameters: " + parameters);
        }
        this.parameters = parameters;
        this.trust = parameters.trust();
    }

    @Override
    public ScoreParameters parameters() {
        return parameters;
    }

    /** The trust of a rating of {@code postId} in the window starting at {@code windowStart}. */
    public Trust trustOf(RaterHistory history, long windowStart, long postId) {
        return trustOf(
                history.windowsSinceFirstRating(windowStart, parameters.windowSizeMs()),
                history.otherPostsBefore(windowStart, postId));
    }

    /**
     * @param age a: windows since the rater's first rating anywhere, 0 when none
     * @param otherPosts d: distinct other posts the rater rated in earlier windows
     */
    public Trust trustOf(long age, long otherPosts) {
        if (age >= trust.ageWindows() && otherPosts >= trust.posts()) {
            return Trust.TRUSTED;
        }
        double floor = trust.floor();
        return Trust.probation(
                floor + (1 - floor) * progress(age, trust.ageWindows()) * progress(otherPosts, trust.posts()));
    }

    /** How many distinct posts a rater's history keeps: D + 1 tell d ≥ D apart for any post. */
    public int historyPosts() {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE - 1, trust.posts()) + 1);
    }

    private static double progress(long value, long requirement) {
        return requirement == 0 ? 1 : Math.min(1, (double) value / requirement);
    }

    @Override
    public WindowClose startClose(WindowResult previous, long windowStart, long trustedEvents, long probationEvents) {
        if (trustedEvents < 0 || probationEvents < 0 || trustedEvents + probationEvents < 1) {
            throw new IllegalArgumentException("an active window holds at least one event");
        }
        return new WindowClose(Carry.to(windowStart, previous, parameters), trustedEvents, probationEvents);
    }

    /** The close of one active window: each user's latest rating with its trust, then {@link #finish}. */
    public final class WindowClose implements Decay.WindowClose {
        private final Carry carry;
        private final BurstPool trusted;
        private final BurstPool probation;
        private long ratingCount;
        private long ratingSum;
        private long newRaters;
        private double trustedWeight;
        private double trustedWeightedSum;
        private double probationWeight;
        private double probationWeightedSum;

        private WindowClose(Carry carry, long trustedEvents, long probationEvents) {
            this.carry = carry;
            this.trusted = carry.pool(parameters, previous -> previous.state().baseline(), trustedEvents);
            this.probation = carry.pool(parameters, previous -> previous.pools().probationBaseline(), probationEvents);
            this.ratingCount =
                    carry.previous() == null ? 0 : carry.previous().counts().ratingCount();
            this.ratingSum =
                    carry.previous() == null ? 0 : carry.previous().counts().ratingSum();
            this.trustedWeight = carry.sum(previous -> previous.pools().trustedWeight());
            this.trustedWeightedSum = carry.sum(previous -> previous.pools().trustedWeightedSum());
            this.probationWeight = carry.sum(previous -> previous.pools().probationWeight());
            this.probationWeightedSum = carry.sum(previous -> previous.pools().probationWeightedSum());
        }

        @Override
        public RaterState apply(RaterState previous, int rating, Trust trust) {
            if (previous == null) {
                newRaters++;
                ratingCount++;
            } else {
                ratingSum -= previous.rating();
                add(previous.probation(), -previous.weight(), previous.rating());
            }
            double weight = trust.trusted() ? trusted.weight() : trust.tau() * probation.weight();
            ratingSum += rating;
            add(!trust.trusted(), weight, rating);
            return new RaterState(rating, weight, !trust.trusted());
        }

        private void add(boolean toProbation, double weight, int rating) {
            if (toProbation) {
                probationWeight += weight;
                probationWeightedSum += weight * rating;
            } else {
                trustedWeight += weight;
                trustedWeightedSum += weight * rating;
            }
        }

        @Override
        public WindowScore finish() {
            trustedWeight = Carry.nonNegative(trustedWeight);
            trustedWeightedSum = Carry.nonNegative(trustedWeightedSum);
            probationWeight = Carry.nonNegative(probationWeight);
            probationWeightedSum = Carry.nonNegative(probationWeightedSum);
            double scale = probationWeight == 0
                    ? 1
                    : Math.min(
                            1,
                            trust.probationShare() * Math.max(trustedWeight, trust.probationFloor()) / probationWeight);
            return new WindowScore(
                    WindowResult.Window.starting(carry.windowStart(), parameters),
                    Carry.counts(trusted.events() + probation.events(), newRaters, ratingCount, ratingSum),
                    carry.state(
                            parameters,
                            trusted,
                            trustedWeight + scale * probationWeight,
                            trustedWeightedSum + scale * probationWeightedSum),
                    new WindowResult.Pools(
                            trusted.events(),
                            probation.events(),
                            probation.weight(),
                            probation.nextBaseline(parameters),
                            trustedWeight,
                            trustedWeightedSum,
                            probationWeight,
                            probationWeightedSum,
                            scale));
        }
    }
}
