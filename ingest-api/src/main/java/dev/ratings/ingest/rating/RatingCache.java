package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Each user's latest accepted rating per post, for {@code myRating}. A cache: it may be missing
 * entries (then reads show none) but never shows an older rating over a newer one.
 */
public interface RatingCache {

    /** Records an accepted rating without waiting; never throws. */
    void remember(RatingEvent event);

    OptionalInt ratingOf(String userId, long postId);

    /** The user's ratings of those posts that have one. */
    Map<Long, Integer> ratingsOf(String userId, Collection<Long> postIds);
}
