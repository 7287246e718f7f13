package dev.ratings.ingest.web;

import org.springframework.http.HttpStatus;

/** The path names something that does not exist: 404. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, detail, null, null);
    }
}
