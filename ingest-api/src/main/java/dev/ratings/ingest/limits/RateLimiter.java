package dev.ratings.ingest.limits;

import java.time.Duration;

/** A token bucket per subject (a user, a client address): may the subject do one more request now? */
public interface RateLimiter {

    Decision take(String subject);

    /** The limit in words, for problem details: "at most 20 times at once and 5 times per second". */
    String described();

    sealed interface Decision {}

    /** Go ahead: a token was taken (or the limit could not be checked, which is counted). */
    record Allowed() implements Decision {}

    /** Over the limit: one more request is allowed after {@code retryAfter}. */
    record Limited(Duration retryAfter) implements Decision {}

    Allowed ALLOWED = new Allowed();
}
