package dev.ratings.ingest.web;

import org.springframework.http.HttpStatus;

/** A request that breaks a rule: 400, with the field and the rule in the problem's detail. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String field, String rule) {
        super(HttpStatus.BAD_REQUEST, field + ": " + rule, field, null);
    }
}
