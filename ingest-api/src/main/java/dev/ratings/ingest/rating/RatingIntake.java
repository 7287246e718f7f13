package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.admission.Action;
import dev.ratings.ingest.admission.Admission;
import dev.ratings.ingest.admission.Admitted;
import dev.ratings.ingest.admission.IdempotencyKey;
import dev.ratings.ingest.admission.IdempotentRequest;
import dev.ratings.ingest.admission.StoredResponse;
import dev.ratings.ingest.posts.KnownPosts;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts a valid rating: the user must be within their rate limit (and their Idempotency-Key not
 * used otherwise), the post must exist, Kafka must acknowledge the event, and only then is it cached
 * as the user's rating and kept as the key's response.
 *
 * <p>The rate limit comes before the post lookup, so that it also bounds how often one user can make
 * the service look up unknown post ids in the database. The writes after the acknowledgement are
 * dispatched, not awaited, before the caller hears back: a read on this instance after the 202 sees
 * them (one Redis connection keeps commands in order).
 */
@Service
class RatingIntake {

    private static final int ACCEPTED = HttpStatus.ACCEPTED.value();

    private final Admission admission;
    private final KnownPosts knownPosts;
    private final RatingPublisher publisher;
    private final RatingCache cache;
    private final Clock clock;

    RatingIntake(
            Admission admission, KnownPosts knownPosts, RatingPublisher publisher, RatingCache cache, Clock clock) {
        this.admission = admission;
        this.knownPosts = knownPosts;
        this.publisher = publisher;
        this.cache = cache;
        this.clock = clock;
    }

    CompletableFuture<RatingReply> accept(long postId, String userId, int rating, Optional<IdempotencyKey> key) {
        Optional<IdempotentRequest> request =
                key.map(k -> new IdempotentRequest(k, "rate post=" + postId + " rating=" + rating));
        Admitted admitted = admission.admit(userId, Action.RATE, request);
        if (admitted instanceof Admitted.Replay replay) {
            StoredResponse original = replay.response();
            return CompletableFuture.completedFuture(new RatingReply(original.status(), original.body(), true));
        }
        Admitted.Ticket ticket = ((Admitted.Go) admitted).ticket();
        try {
            knownPosts.require(postId);
        } catch (RuntimeException e) {
            ticket.release();
            throw e;
        }
        RatingEvent event = new RatingEvent(UUID.randomUUID(), postId, userId, rating, clock.millis());
        return publisher
                .publish(event)
                .whenComplete((acknowledged, error) -> {
                    if (error != null) {
                        ticket.release();
                    }
                })
                .thenApply(acknowledged -> {
                    cache.remember(event);
                    String body = RatingAccepted.of(event).json();
                    ticket.complete(new StoredResponse(ACCEPTED, body));
                    return new RatingReply(ACCEPTED, body, false);
                });
    }
}
