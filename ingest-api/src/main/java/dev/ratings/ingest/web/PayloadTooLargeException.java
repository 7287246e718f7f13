package dev.ratings.ingest.web;

/** A request body over the endpoint's limit: 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(int limitBytes) {
        super("body: must be at most " + limitBytes + " bytes");
    }
}
