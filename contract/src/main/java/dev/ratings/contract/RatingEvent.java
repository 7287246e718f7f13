package dev.ratings.contract;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One accepted rating, the value of a {@link Topics#RATINGS} record.
 *
 * <p>The constructor rejects anything the ingest API would never have accepted, so a record that
 * does not hold up fails deserialization and goes to the dead-letter topic instead of into a score.
 *
 * @param ratingId unique id given by the ingest API
 * @param postId the rated post
 * @param userId the rater: the {@code sub} claim of their token
 * @param rating 0 to 5
 * @param acceptedAt epoch milliseconds; equal to the Kafka record timestamp
 */
public record RatingEvent(UUID ratingId, long postId, String userId, int rating, long acceptedAt) {

    public static final int MIN_RATING = 0;
    public static final int MAX_RATING = 5;
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public RatingEvent {
        Objects.requireNonNull(ratingId, "ratingId");
        if (postId <= 0) {
            throw new IllegalArgumentException("postId must be positive, was " + postId);
        }
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("userId must be 1-64 chars of [A-Za-z0-9_.@-]");
        }
        if (rating < MIN_RATING || rating > MAX_RATING) {
            throw new IllegalArgumentException("rating must be 0..5, was " + rating);
        }
        if (acceptedAt <= 0) {
            throw new IllegalArgumentException("acceptedAt must be positive epoch milliseconds");
        }
    }
}
