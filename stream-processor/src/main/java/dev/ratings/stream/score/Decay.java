package dev.ratings.stream.score;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/** A score formula as the topology uses it: {@link DecayV1} or {@link DecayV2}, whichever the parameters name. */
public interface Decay {

    static Decay of(ScoreParameters parameters) {
        return switch (parameters.algorithm()) {
            case DECAY_V1 -> new DecayV1(parameters);
            case DECAY_V2 -> new DecayV2(parameters);
        };
    }

    ScoreParameters parameters();

    /**
     * Starts closing an active window of a post.
     *
     * @param previous the result of the post's previous active window; null for its first
     * @param windowStart start of the closing window, a multiple of W
     * @param trustedEvents this window's rating events by trusted raters (all of them under decay-v1)
     * @param probationEvents this window's rating events by raters on probation; together at least 1
     */
    WindowClose startClose(WindowResult previous, long windowStart, long trustedEvents, long probationEvents);

    /** The close of one active window: each user's latest rating of the window, in user order, then finish. */
    interface WindowClose {

        /**
         * Replaces a user's current rating with their latest one of this window.
         *
         * @param previous the user's current rating from an earlier window; null if they have none
         * @param trust the trust of the user's ratings in this window
         * @return the user's new current rating, to keep for later windows
         */
        RaterState apply(RaterState previous, int rating, Trust trust);

        WindowScore finish();
    }
}
