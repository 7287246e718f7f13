package dev.ratings.ingest.posts;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Each user's latest accepted rating per post, for {@code myRating}; the rating feature keeps them.
 * A cache: it may miss entries (reads then show none) but never shows an older rating over a newer.
 */
public interface OwnRatings {

    OptionalInt ratingOf(String userId, long postId);

    /** The user's ratings of those posts that have one. */
    Map<Long, Integer> ratingsOf(String userId, Collection<Long> postIds);
}
