package dev.ratings.ingest.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Something the request needs could not answer in time; nothing was done: 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends ProblemException {

    public ServiceUnavailableException(String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, detail, null, retryAfter, null);
    }
}
