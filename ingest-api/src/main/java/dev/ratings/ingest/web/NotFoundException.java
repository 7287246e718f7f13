package dev.ratings.ingest.web;

/** The path names something that does not exist: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
