package dev.ratings.ingest.rating;

/**
 * A request made with an {@link IdempotencyKey}.
 *
 * @param fingerprint what the request asks for, canonically (e.g. {@code rate post=7 rating=4}):
 *     a retry must ask for the same thing, whatever its JSON whitespace or key order
 */
record IdempotentRequest(IdempotencyKey key, String fingerprint) {}
