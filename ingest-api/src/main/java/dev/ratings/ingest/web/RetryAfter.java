package dev.ratings.ingest.web;

import java.time.Duration;

/** The {@code Retry-After} header's value for a wait. */
public final class RetryAfter {

    private RetryAfter() {}

    /** Whole seconds, rounded up and at least 1: a client that waits that long finds what it waited for. */
    public static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
