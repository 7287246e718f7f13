package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;

/**
 * The ingest API's own rating body rules and 202 body, for the benchmark baselines. It lives in
 * the ingest API's package (in the bench module) because those classes are package-private there:
 * the baselines must validate and answer exactly like the real endpoint, not like a copy of it.
 */
public final class BenchRatingBodies {

    public static final int MAX_BODY_BYTES = RatingController.MAX_BODY_BYTES;

    private BenchRatingBodies() {}

    /** The rating of a {@code {"rating": n}} body; a 400 problem for anything else. */
    public static int rating(byte[] body) {
        return RatingRequest.rating(body);
    }

    /** The JSON the real endpoint answers 202 with. */
    public static String accepted(RatingEvent event) {
        return RatingAccepted.json(event);
    }
}
