package dev.ratings.ingest.web;

import org.springframework.http.HttpStatus;

/** A request body over the endpoint's limit: 413. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(int limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "body: must be at most " + limitBytes + " bytes", "body", null);
    }
}
