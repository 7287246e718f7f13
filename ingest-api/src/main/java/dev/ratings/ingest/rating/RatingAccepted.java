package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.IsoInstants;

/** The 202 body; {@code acceptedAt} is exactly the Kafka record timestamp of the event. */
record RatingAccepted(String ratingId, long postId, int rating, String acceptedAt) {

    static RatingAccepted of(RatingEvent event) {
        return new RatingAccepted(
                event.ratingId().toString(), event.postId(), event.rating(), IsoInstants.format(event.acceptedAt()));
    }
}
