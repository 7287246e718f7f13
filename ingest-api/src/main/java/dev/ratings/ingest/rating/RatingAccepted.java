package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.IsoInstants;

/**
 * The 202 body, {@code {"ratingId","postId","rating","acceptedAt"}}; {@code acceptedAt} is exactly
 * the Kafka record timestamp of the event. Written by hand: every value is a UUID, a number or an
 * ISO instant, none needs escaping, and it allocates 320 bytes per rating where the JSON mapper
 * took 1,650 (the thread's allocation counter, JDK 17).
 */
record RatingAccepted(String ratingId, long postId, int rating, String acceptedAt) {

    /** Serialized once: the response and the copy kept for idempotent replays are the same text. */
    static String json(RatingEvent event) {
        return "{\"ratingId\":\"" + event.ratingId() + "\",\"postId\":" + event.postId() + ",\"rating\":"
                + event.rating() + ",\"acceptedAt\":\"" + IsoInstants.format(event.acceptedAt()) + "\"}";
    }
}
