package dev.ratings.ingest.web;

/** A request that breaks a rule: 400, with the field and the rule in the problem's detail. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
