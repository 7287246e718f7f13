package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.posts.KnownPosts;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Accepts a rating: the post must exist, Kafka must acknowledge the event, and only then is it
 * cached as the user's rating. The cache write is dispatched before the caller hears back, so a
 * read on this instance after the 202 sees it (one Redis connection keeps commands in order).
 */
@Service
class RatingIntake {

    private final KnownPosts knownPosts;
    private final RatingPublisher publisher;
    private final RatingCache cache;
    private final Clock clock;

    RatingIntake(KnownPosts knownPosts, RatingPublisher publisher, RatingCache cache, Clock clock) {
        this.knownPosts = knownPosts;
        this.publisher = publisher;
        this.cache = cache;
        this.clock = clock;
    }

    CompletableFuture<RatingAccepted> accept(long postId, String userId, int rating) {
        knownPosts.require(postId);
        RatingEvent event = new RatingEvent(UUID.randomUUID(), postId, userId, rating, clock.millis());
        return publisher.publish(event).thenApply(acknowledged -> {
            cache.remember(event);
            return RatingAccepted.of(event);
        });
    }
}
