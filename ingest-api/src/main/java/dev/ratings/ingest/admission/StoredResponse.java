package dev.ratings.ingest.admission;

/** A response as it was sent, kept so that a retry with the same key gets it again. */
public record StoredResponse(int status, String body) {}
