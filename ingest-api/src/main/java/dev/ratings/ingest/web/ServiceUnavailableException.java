package dev.ratings.ingest.web;

import java.time.Duration;

/** Something the request needs could not answer in time; nothing was done: 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
