package dev.ratings.stream.windows;

import dev.ratings.stream.score.Trust;
import java.util.UUID;

/**
 * What travels from the stage that reads {@code ratings} to the stages after it: ratings placed in
 * their (effective) window, and watermarks. Under decay-v1 they stay inside one task; under
 * decay-v2 they cross the repartition topics by user and back by post.
 */
sealed interface Windowed {

    /**
     * A rating in the window it counts in (its own, or the earliest open one if it came late).
     *
     * @param trust null until the user stage has computed it (decay-v2); always trusted under decay-v1
     * @param ratingId the event's id, by which the decay stage drops a rating it has counted already;
     *     null only for a record written to a repartition topic before ids travelled with ratings
     * @param late placed in a later window than its own (its own had closed when it was read): only
     *     then can the rating it repeats have been counted in a window that is closed by now
     */
    record Rating(long postId, String userId, int rating, long windowStart, Trust trust, UUID ratingId, boolean late)
            implements Windowed {

        /** The post of a rating read from the topic by post, which leaves it to the key (post ids are positive). */
        static final long KEYED_POST = 0;

        Rating withTrust(Trust trust) {
            return new Rating(postId, userId, rating, windowStart, trust, ratingId, late);
        }

        /** This rating with its user from the key of the topic by user, if its value left it out. */
        Rating withUserId(String key) {
            return userId != null ? this : new Rating(postId, key, rating, windowStart, trust, ratingId, late);
        }

        /** This rating with its post from the key of the topic by post, if its value left it out. */
        Rating withPostId(long key) {
            return postId != KEYED_POST ? this : new Rating(key, userId, rating, windowStart, trust, ratingId, late);
        }
    }

    /**
     * A promise from one partition of the stage before: it has sent everything of the windows that
     * close by {@code streamTime} (end + grace ≤ stream time). Sent to every partition of the stage
     * after, each in order after that partition's records, so the minimum over all {@code sources}
     * tells a receiving task which windows are complete.
     *
     * @param source the sending partition
     * @param sources how many partitions the sending stage has
     */
    record Watermark(int source, int sources, long streamTime) implements Windowed {}
}
