package dev.ratings.ingest.rating;

/** A response as it was sent, kept so that a retry with the same key gets it again. */
record StoredResponse(int status, String body) {}
