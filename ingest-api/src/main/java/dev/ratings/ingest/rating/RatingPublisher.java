package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import java.util.concurrent.CompletableFuture;

/** Hands accepted ratings to the ratings history, the source of truth for every score. */
public interface RatingPublisher {

    /**
     * Completes once the event is durably stored, or fails with {@link RatingNotAcceptedException}
     * within a bounded time.
     */
    CompletableFuture<Void> publish(RatingEvent event);
}
