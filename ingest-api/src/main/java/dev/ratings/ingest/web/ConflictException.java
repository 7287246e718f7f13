package dev.ratings.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The request collides with one still in progress: 409 with {@code Retry-After}. */
public class ConflictException extends ProblemException {

    public ConflictException(String field, String rule, Duration retryAfter) {
        super(HttpStatus.CONFLICT, field + ": " + rule, field, retryAfter, null);
    }
}
