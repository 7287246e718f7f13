package dev.ratings.ingest.web;

import org.springframework.http.HttpStatus;

/** A request body over the endpoint's limit: 413. */
class PayloadTooLargeException extends ProblemException {

    PayloadTooLargeException(int limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "body: must be at most " + limitBytes + " bytes", "body", null);
    }
}
