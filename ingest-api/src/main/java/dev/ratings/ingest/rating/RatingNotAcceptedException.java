package dev.ratings.ingest.rating;

import dev.ratings.ingest.web.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The ratings history could not take a rating in time; the client should try again later: 503. */
public class RatingNotAcceptedException extends ProblemException {

    public RatingNotAcceptedException(Duration retryAfter, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "rating: Kafka did not acknowledge it in time ("
                        + cause.getClass().getSimpleName()
                        + "), so it was not accepted; retry after the Retry-After delay"
                        + " (a repeated rating replaces the earlier one, it is never counted twice)",
                null,
                retryAfter,
                cause);
    }
}
