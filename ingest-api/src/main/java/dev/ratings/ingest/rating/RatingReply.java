package dev.ratings.ingest.rating;

/**
 * The answer to an accepted rating, as JSON text.
 *
 * @param replayed true when it is the stored response of an earlier request with the same
 *     Idempotency-Key, and nothing was published this time
 */
record RatingReply(int status, String body, boolean replayed) {}
