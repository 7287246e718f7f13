package dev.ratings.stream.generations;

/** A replay request that cannot be taken as it is: 400, naming the field. */
final class InvalidReplayRequestException extends RuntimeException {

    private final String field;

    InvalidReplayRequestException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
