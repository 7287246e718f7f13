package dev.ratings.ingest.web;

import java.time.Duration;

/** The request collides with one still in progress: 409 with {@code Retry-After}. */
public class ConflictException extends RuntimeException {

    private final String field;
    private final Duration retryAfter;

    public ConflictException(String field, String rule, Duration retryAfter) {
        super(field + ": " + rule);
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public String field() {
        return field;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
