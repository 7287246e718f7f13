package dev.ratings.ingest.rating;

import java.time.Duration;

/** The ratings history could not take a rating in time; the client should try again later. */
public class RatingNotAcceptedException extends RuntimeException {

    private final Duration retryAfter;

    public RatingNotAcceptedException(Duration retryAfter, Throwable cause) {
        super(
                "rating: Kafka did not acknowledge it in time ("
                        + cause.getClass().getSimpleName()
                        + "), so it was not accepted; retry after the Retry-After delay"
                        + " (a repeated rating replaces the earlier one, it is never counted twice)",
                cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
