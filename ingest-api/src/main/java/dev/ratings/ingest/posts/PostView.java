package dev.ratings.ingest.posts;

import dev.ratings.ingest.scores.ShownScore;
import dev.ratings.ingest.web.IsoInstants;

/**
 * A post as the API shows it. {@code averageRating} is the fair score as of the response, {@code
 * myRating} the caller's own latest rating; every score field is null until the post has one.
 */
record PostView(
        long id,
        String title,
        String body,
        String createdAt,
        Long ratingCount,
        Double averageRating,
        Double rawAverage,
        Integer myRating,
        String scoreUpdatedAt) {

    static PostView of(Post post, ShownScore score, Integer myRating) {
        return new PostView(
                post.id(),
                post.title(),
                post.body(),
                IsoInstants.format(post.createdAt()),
                score.ratingCount(),
                score.averageRating(),
                score.rawAverage(),
                myRating,
                score.scoreUpdatedAt());
    }
}
