package dev.ratings.stream.score;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/**
 * The {@code decay-v1} score: plain arithmetic, no framework.
 *
 * <p>Windows are {@code [k·W, (k+1)·W)} in event time. A post's window is <em>active</em> when it
 * holds at least one of the post's rating events; only active windows are scored, when they close.
 * At the close of active window {@code t} with {@code N_t} rating events (re-ratings included):
 *
 * <ol>
 *   <li>Carry over the silent windows since the previous active window {@code p}, {@code g} windows
 *       earlier: {@code S' = T_p + (S_p − T_p)·δ^(g−1)}, {@code b' = b_p·(1−λ)^(g−1)}; for the
 *       post's first window {@code S' = m}, {@code b' = 0}.
 *   <li>Burst weight: {@code w_t = min(1, β·max(b', f) / N_t)}.
 *   <li>Apply the window's events in order: a user's latest rating replaces their previous one and
 *       carries the weight of the window in which it was given.
 *   <li>Over the users' current ratings {@code (r_u, w_u)}: {@code C = count}, {@code Sum = Σ r_u},
 *       {@code rawAverage = Sum/C}, {@code weightedCount = Σ w_u}, {@code weightedSum = Σ w_u·r_u},
 *       target {@code T_t = (k·m + Σ w_u·r_u) / (k + Σ w_u)}.
 *   <li>Score {@code S_t = T_t + (S' − T_t)·δ}; baseline {@code b_t = (1−λ)·b' + λ·N_t}.
 * </ol>
 *
 * <p>Parameters: {@code W} window size, {@code δ} decay factor, {@code m} prior mean, {@code k}
 * prior weight, {@code β} burst factor, {@code f} burst floor, {@code λ} baseline smoothing.
 *
 * <p>Steps 1 and 5 are the same convergence, {@link ScoreParameters#carryOver}, over g − 1 windows and
 * over one ({@link Carry}); steps 1, 2 and 5's baseline are the burst rule of one pool of raters
 * ({@link BurstPool}), which decay-v2 applies to two. The sums over users are kept incrementally (a re-rating subtracts the old contribution and adds
 * the new one), so closing a window costs its own events, not the post's whole history. The same
 * events in the same order give bit-identical results, which is what makes a replay reproducible.
 */
public final class DecayV1 implements Decay {

    private final ScoreParameters parameters;

    public DecayV1(ScoreParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public ScoreParameters parameters() {
        return parameters;
    }

    /**
     * Starts closing an active window of a post.
     *
     * @param previous the result of the post's previous active window; null for its first
     * @param windowStart start of the closing window, a multiple of W
     * @param eventsInWindow N_t, at least 1
     */
    public WindowClose startClose(WindowResult previous, long windowStart, long eventsInWindow) {
        if (eventsInWindow < 1) {
            throw new IllegalArgumentException("an active window holds at least one event");
        }
        return new WindowClose(Carry.to(windowStart, previous, parameters), eventsInWindow);
    }

    /** Every rating of decay-v1 is trusted: there are no probation events. */
    @Override
    public WindowClose startClose(WindowResult previous, long windowStart, long trustedEvents, long probationEvents) {
        if (probationEvents != 0) {
            throw new IllegalArgumentException("decay-v1 has no raters on probation");
        }
        return startClose(previous, windowStart, trustedEvents);
    }

    /**
     * The close of one active window: feed it each user's latest rating of the window with {@link
     * #apply}, then {@link #finish}.
     */
    public final class WindowClose implements Decay.WindowClose {
        private final Carry carry;
        private final BurstPool pool;
        private long ratingCount;
        private long ratingSum;
        private double weightedCount;
        private double weightedSum;
        private long newRaters;

        private WindowClose(Carry carry, long eventsInWindow) {
            this.carry = carry;
            this.pool = carry.pool(parameters, previous -> previous.state().baseline(), eventsInWindow);
            this.ratingCount =
                    carry.previous() == null ? 0 : carry.previous().counts().ratingCount();
            this.ratingSum =
                    carry.previous() == null ? 0 : carry.previous().counts().ratingSum();
            this.weightedCount = carry.sum(previous -> previous.state().weightedCount());
            this.weightedSum = carry.sum(previous -> previous.state().weightedSum());
        }

        public double burstWeight() {
            return pool.weight();
        }

        /**
         * Replaces a user's current rating with their latest one of this window.
         *
         * @param previous the user's current rating from an earlier window; null if they have none
         * @param rating the user's latest rating in this window
         * @return the user's new current rating, to keep for later windows
         */
        public RaterState apply(RaterState previous, int rating) {
            if (previous == null) {
                newRaters++;
                ratingCount++;
            } else {
                ratingSum -= previous.rating();
                weightedCount -= previous.weight();
                weightedSum -= previous.weight() * previous.rating();
            }
            double weight = pool.weight();
            ratingSum += rating;
            weightedCount += weight;
            weightedSum += weight * rating;
            return new RaterState(rating, weight);
        }

        @Override
        public RaterState apply(RaterState previous, int rating, Trust trust) {
            if (!trust.trusted()) {
                throw new IllegalArgumentException("decay-v1 has no raters on probation");
            }
            return apply(previous, rating);
        }

        @Override
        public WindowScore finish() {
            return new WindowScore(
                    WindowResult.Window.starting(carry.windowStart(), parameters),
                    Carry.counts(pool.events(), newRaters, ratingCount, ratingSum),
                    carry.state(parameters, pool, weightedCount, weightedSum),
                    null);
        }
    }
}
