package dev.ratings.ingest.cache;

import dev.ratings.ingest.rating.RedisRatingCache;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis is only a cache of the users' latest ratings: this refills it from the {@code ratings}
 * topic, the source of truth, when it is found empty.
 *
 * <p>A marker key records that the cache was filled. When it is missing (a new or flushed Redis, or
 * {@code ./ratings rebuild-cache} deleted it), one instance takes it as a lock, replays every rating
 * through the same keep-the-latest write the API uses — so ratings accepted meanwhile are never
 * overwritten by older ones — and then stores a one-line summary in it.
 */
final class RatingCacheRebuild {

    private static final Logger log = LoggerFactory.getLogger(RatingCacheRebuild.class);
    private static final Duration LOCK_TTL = Duration.ofMinutes(10);
    static final String REBUILDING = "rebuilding";

    private final SharedRedisConnection redis;
    private final RedisRatingCache cache;
    private final RatingHistory history;
    private final String markerKey;
    private final int maxInFlight;
    private final Clock clock;
    private final Counter rebuilds;
    private final Counter ratingsRestored;

    RatingCacheRebuild(
            SharedRedisConnection redis,
            RedisRatingCache cache,
            RatingHistory history,
            String markerKey,
            int maxInFlight,
            Clock clock,
            MeterRegistry meters) {
        this.redis = redis;
        this.cache = cache;
        this.history = history;
        this.markerKey = markerKey;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
        this.rebuilds = Counter.builder("ratings.cache.rebuilds")
                .description("Times the rating cache was refilled from Kafka")
                .register(meters);
        this.ratingsRestored = Counter.builder("ratings.cache.rebuild.ratings")
                .description("Rating events written to Redis by cache rebuilds")
                .register(meters);
    }

    /** Rebuilds if the marker is missing and no other instance is at it; false if there was nothing to do. */
    boolean rebuildIfMissing() {
        RedisCommands<String, String> commands =
                redis.connection().orElseThrow().sync();
        String lock = REBUILDING + " since " + clock.instant();
        if (!"OK".equals(commands.set(markerKey, lock, SetArgs.Builder.nx().ex(LOCK_TTL)))) {
            return false;
        }
        try {
            long started = clock.millis();
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
            double seconds = (clock.millis() - started) / 1000.0;
            String summary = "rebuilt at %s from %d records: %d ratings in %.1f s"
                    .formatted(clock.instant(), records, ratings.get(), seconds);
            commands.set(markerKey, summary);
            rebuilds.increment();
            ratingsRestored.increment(ratings.get());
            log.info("Rating cache {}", summary);
            return true;
        } catch (RuntimeException e) {
            commands.del(markerKey);
            throw e;
        }
    }
}
