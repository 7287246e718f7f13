package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.IsoInstants;
import tools.jackson.databind.json.JsonMapper;

/** The 202 body; {@code acceptedAt} is exactly the Kafka record timestamp of the event. */
record RatingAccepted(String ratingId, long postId, int rating, String acceptedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RatingAccepted of(RatingEvent event) {
        return new RatingAccepted(
                event.ratingId().toString(), event.postId(), event.rating(), IsoInstants.format(event.acceptedAt()));
    }

    /** Serialized once: the response and the copy kept for idempotent replays are the same bytes. */
    String json() {
        return JSON.writeValueAsString(this);
    }
}
