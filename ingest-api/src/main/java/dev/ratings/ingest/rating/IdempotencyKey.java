package dev.ratings.ingest.rating;

import dev.ratings.ingest.web.InvalidRequestException;
import java.util.Enumeration;
import java.util.Optional;

/**
 * The client's {@code Idempotency-Key}: 1 to 255 printable ASCII characters, given at most once.
 * Its scope is the authenticated user, so two users can never collide on a key.
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private static final String RULE = "must be 1 to " + MAX_LENGTH + " printable ASCII characters";

    /** The key in the request's header values, if any; a malformed key is a 400 naming the header. */
    static Optional<IdempotencyKey> from(Enumeration<String> values) {
        if (!values.hasMoreElements()) {
            return Optional.empty();
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            int count = 2;
            for (values.nextElement(); values.hasMoreElements(); values.nextElement()) {
                count++;
            }
            throw new InvalidRequestException(HEADER, "must be sent once, got " + count + " values");
        }
        return Optional.of(of(value));
    }

    static IdempotencyKey of(String value) {
        if (value.isEmpty()) {
            throw new InvalidRequestException(HEADER, RULE + ", got an empty value");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRequestException(HEADER, RULE + ", got " + value.length() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidRequestException(
                        HEADER, RULE + ", got the character U+%04X at position %d".formatted((int) c, i + 1));
            }
        }
        return new IdempotencyKey(value);
    }
}
