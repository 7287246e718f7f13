package dev.ratings.ingest.rating;

import java.time.Duration;

/**
 * What became of a rating: the one value {@link RatingIntake} hands back, and that only {@link
 * RatingController} turns into an HTTP response. Admission answers with a {@link Decision}: go
 * ahead, or one of these outcomes at once.
 */
sealed interface RatingOutcome {

    /** Kafka acknowledged the rating; {@code body} is the 202's JSON, as kept for the key's retries. */
    record Accepted(String body) implements RatingOutcome {}

    /** The response of an earlier request with the same Idempotency-Key; nothing was published now. */
    record Replayed(int status, String body) implements RatingOutcome, Decision {}

    /** Over the user's token bucket: {@code burst} at once, {@code perSecond} after that. */
    record RateLimited(String userId, int burst, double perSecond, Duration retryAfter)
            implements RatingOutcome, Decision {}

    /** The user rated this post {@code allowed} times in this window already; the next one starts later. */
    record PostLimited(String userId, long postId, int allowed, Duration window, Duration retryAfter)
            implements RatingOutcome, Decision {}

    /** A request with the same Idempotency-Key is still being processed. */
    record KeyInFlight(Duration retryAfter) implements RatingOutcome, Decision {}

    /** The Idempotency-Key was used for a different request. */
    record KeyReused() implements RatingOutcome, Decision {}

    /**
     * Redis could not check or reserve the Idempotency-Key ({@code reason}: timeout, full), so the
     * rating was not accepted: a key must never be published unchecked.
     */
    record KeyUnchecked(String reason, Duration retryAfter) implements RatingOutcome, Decision {}

    record NoSuchPost(long postId) implements RatingOutcome {}

    /** Kafka did not acknowledge the rating in time ({@code cause} names Kafka's error). */
    record NotPublished(String cause, Duration retryAfter) implements RatingOutcome {}

    /** What admission decides: go ahead, or answer at once. */
    sealed interface Decision
            permits Admitted, Replayed, RateLimited, PostLimited, KeyInFlight, KeyReused, KeyUnchecked {}

    /**
     * Go ahead; report on the ticket how the rating ended.
     *
     * @param acceptedAt the event's time: now, or, for a retry of a request with the same
     *     Idempotency-Key whose event an earlier try may have published, that try's time, so that
     *     the retry publishes the very same event
     */
    record Admitted(RatingIntake.Ticket ticket, long acceptedAt) implements Decision {}
}
