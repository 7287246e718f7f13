package dev.ratings.ingest.rating;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis is only a cache of the users' latest ratings: this refills it from the {@code ratings}
 * topic, the source of truth, when it is found empty or when asked ({@code POST
 * /admin/cache-rebuilds}).
 *
 * <p>A marker key records that the cache was filled. When it is missing (a new or flushed Redis, or
 * a requested rebuild deleted it), one instance takes it as a lock ({@link CacheRebuilds#start}),
 * replays every rating through the same keep-the-latest write the API uses — so ratings accepted
 * meanwhile are never overwritten by older ones — and then stores a one-line summary in it.
 */
final class RatingCacheRebuild {

    private static final Logger log = LoggerFactory.getLogger(RatingCacheRebuild.class);

    private final CacheRebuilds rebuilds;
    private final RedisRatingCache cache;
    private final RatingHistory history;
    private final int maxInFlight;
    private final Clock clock;
    private final Counter done;
    private final Counter ratingsRestored;

    RatingCacheRebuild(
            CacheRebuilds rebuilds,
            RedisRatingCache cache,
            RatingHistory history,
            int maxInFlight,
            Clock clock,
            MeterRegistry meters) {
        this.rebuilds = rebuilds;
        this.cache = cache;
        this.history = history;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
        this.done = Counter.builder("ratings.cache.rebuilds")
                .description("Times the rating cache was refilled from Kafka")
                .register(meters);
        this.ratingsRestored = Counter.builder("ratings.cache.rebuild.ratings")
                .description("Rating events written to Redis by cache rebuilds")
                .register(meters);
    }

    /** Rebuilds if the marker is missing and no other instance is at it; false if there was nothing to do. */
    boolean rebuildIfMissing() {
        Optional<String> started = rebuilds.start();
        if (started.isEmpty()) {
            return false;
        }
        String id = started.get();
        try {
            long startedAt = clock.millis();
            AtomicLong ratings = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Semaphore inFlight = new Semaphore(maxInFlight);
            long records = history.forEach(event -> {
                inFlight.acquireUninterruptibly();
                cache.write(event).whenComplete((applied, error) -> {
                    if (!Boolean.TRUE.equals(applied)) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
                ratings.incrementAndGet();
            });
            inFlight.acquireUninterruptibly(maxInFlight);
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + ratings.get() + " cache writes failed");
            }
            double seconds = (clock.millis() - startedAt) / 1000.0;
            rebuilds.finished(id, records, ratings.get(), seconds);
            done.increment();
            ratingsRestored.increment(ratings.get());
            log.info(
                    "Rating cache rebuild {}: {} ratings from {} records in {} s", id, ratings.get(), records, seconds);
            return true;
        } catch (RuntimeException e) {
            try {
                rebuilds.failed(id, e.toString());
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }
}
