package dev.ratings.ingest.admission;

import dev.ratings.ingest.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The client's {@code Idempotency-Key}: 1 to 255 printable ASCII characters, given at most once.
 * Its scope is the authenticated user, so two users can never collide on a key.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private static final String RULE = "must be 1 to " + MAX_LENGTH + " printable ASCII characters";

    /** The key of this request, if it has one; a malformed key is a 400 naming the header. */
    public static Optional<IdempotencyKey> from(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(HEADER, "must be sent once, got " + values.size() + " values");
        }
        return Optional.of(of(values.get(0)));
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
