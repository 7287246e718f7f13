package dev.ratings.ingest.rating;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A request made with an {@link IdempotencyKey}.
 *
 * @param fingerprint what the request asks for, canonically (e.g. {@code rate post=7 rating=4}):
 *     a retry must ask for the same thing, whatever its JSON whitespace or key order
 */
record IdempotentRequest(IdempotencyKey key, String fingerprint) {

    /**
     * The ratingId of this request by {@code userId}: a name-based UUID (version 3) of the user, the
     * key and the fingerprint, so every try of it, whatever became of the earlier ones, publishes the
     * same id, which the stream processor counts once. The fingerprint is part of the name so that a
     * key reused for another rating while Redis could not check it is another rating, not a repeat.
     * Neither a user id nor a key can hold a line feed, so the name is unambiguous.
     */
    UUID ratingId(String userId) {
        return UUID.nameUUIDFromBytes(
                ("rating\n" + userId + "\n" + key.value() + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8));
    }
}
