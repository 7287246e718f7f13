package dev.ratings.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Over a rate limit: 429 with {@code Retry-After}. */
public class TooManyRequestsException extends ProblemException {

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, detail, null, retryAfter);
    }
}
