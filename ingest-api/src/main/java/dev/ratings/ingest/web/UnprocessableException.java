package dev.ratings.ingest.web;

/** Well-formed, but contradicts what the server already knows (a reused key): 422. */
public class UnprocessableException extends RuntimeException {

    private final String field;

    public UnprocessableException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
