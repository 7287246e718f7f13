package dev.ratings.ingest.web;

import org.springframework.http.HttpStatus;

/** Well-formed, but contradicts what the server already knows (a reused key): 422. */
public class UnprocessableException extends ProblemException {

    public UnprocessableException(String field, String rule) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + rule, field, null, null);
    }
}
