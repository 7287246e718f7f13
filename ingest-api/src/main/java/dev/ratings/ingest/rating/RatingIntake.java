package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.posts.KnownPosts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.springframework.stereotype.Service;

/**
 * Accepts a valid rating: admission (the user's rate limits, the post's count in this window, the
 * Idempotency-Key) must let it through, the post must exist, Kafka must acknowledge the event, and
 * only then is it remembered as the user's rating and kept as the key's response.
 *
 * <p>{@code acceptedAt} is fixed first: it is the event's time, so admission counts the rating in
 * exactly the window the stream processor will put it in. With an Idempotency-Key the ratingId
 * comes from the user and the key, and a retry whose earlier try may have reached Kafka (a 503, a
 * timeout, a dropped connection) gets that try's time back from admission: it publishes the same
 * event again, which the stream processor counts once. Admission comes before the post lookup,
 * so that the limits also bound how often one user can make the service look up unknown post ids in
 * the database. The writes after the acknowledgement are dispatched, not awaited, before the outcome
 * is handed back: a read on this instance after the 202 sees them (one Redis connection keeps
 * commands in order).
 */
@Service
class RatingIntake {

    static final int ACCEPTED = 202;
    private static final Duration RETRY_UNPUBLISHED = Duration.ofSeconds(1);

    /** Rate limits, the per-post count and Idempotency-Keys, checked and recorded in one step. */
    interface Admission {
        RatingOutcome.Decision admit(String userId, long postId, long acceptedAt, Optional<IdempotentRequest> request);
    }

    /** What admission reserved for a request. Every method returns at once and never throws. */
    interface Ticket {

        /** Nothing reserved: Redis was unavailable. */
        Ticket NONE = new Ticket() {
            @Override
            public void complete(StoredResponse response) {}

            @Override
            public void release() {}

            @Override
            public void cancel() {}
        };

        /** Accepted: keep the response for retries with the same key. */
        void complete(StoredResponse response);

        /**
         * Failed after the event may have reached Kafka: give the key up, keeping the event's time, so
         * that a retry publishes the same event again.
         */
        void release();

        /**
         * Nothing was published: free the key and give the rating back to the post's count in this
         * window (unless an earlier try with the key may have published it: then as {@link #release}).
         */
        void cancel();
    }

    /** The ratings history, the source of truth for every score. */
    interface Publisher {

        /** Completes once Kafka has the event; fails within a bounded time, with Kafka's error, if not. */
        CompletableFuture<Void> publish(RatingEvent event);
    }

    /** Each user's latest accepted rating per post. */
    interface Cache {

        /** Records an accepted rating without waiting; never throws. */
        void remember(RatingEvent event);
    }

    private final Admission admission;
    private final KnownPosts knownPosts;
    private final Publisher publisher;
    private final Cache cache;
    private final Clock clock;

    RatingIntake(Admission admission, KnownPosts knownPosts, Publisher publisher, Cache cache, Clock clock) {
        this.admission = admission;
        this.knownPosts = knownPosts;
        this.publisher = publisher;
        this.cache = cache;
        this.clock = clock;
    }

    CompletionStage<RatingOutcome> accept(RatingRequest request, String userId) {
        Optional<IdempotentRequest> idempotent =
                request.key().map(key -> new IdempotentRequest(key, request.fingerprint()));
        RatingOutcome.Decision decision = admission.admit(userId, request.postId(), clock.millis(), idempotent);
        if (decision instanceof RatingOutcome answered) {
            return CompletableFuture.completedFuture(answered);
        }
        RatingOutcome.Admitted admitted = (RatingOutcome.Admitted) decision;
        Ticket ticket = admitted.ticket();
        boolean exists;
        try {
            exists = knownPosts.exists(request.postId());
        } catch (RuntimeException e) {
            ticket.cancel();
            throw e;
        }
        if (!exists) {
            ticket.cancel();
            return CompletableFuture.completedFuture(new RatingOutcome.NoSuchPost(request.postId()));
        }
        UUID ratingId = idempotent.map(keyed -> keyed.ratingId(userId)).orElseGet(UUID::randomUUID);
        RatingEvent event =
                new RatingEvent(ratingId, request.postId(), userId, request.rating(), admitted.acceptedAt());
        return publisher.publish(event).handle((acknowledged, error) -> {
            if (error != null) {
                ticket.release();
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                return new RatingOutcome.NotPublished(cause.getClass().getSimpleName(), RETRY_UNPUBLISHED);
            }
            cache.remember(event);
            String body = RatingAccepted.json(event);
            ticket.complete(new StoredResponse(ACCEPTED, body));
            return new RatingOutcome.Accepted(body);
        });
    }
}
