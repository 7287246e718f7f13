package dev.ratings.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A refusal that {@link ProblemAdvice} answers with a problem: its status, its message as the
 * {@code detail}, and where they apply the offending {@code field} and a {@code Retry-After}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Duration retryAfter;

    public ProblemException(HttpStatus status, String detail, String field, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field the refusal names, or null when it names none. */
    public String field() {
        return field;
    }

    /** How long the client should wait before trying again, or null when waiting would not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
