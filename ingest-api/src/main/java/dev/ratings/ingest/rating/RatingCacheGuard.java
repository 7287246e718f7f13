package dev.ratings.ingest.rating;

import dev.ratings.ingest.redis.SharedRedisConnection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Checks every {@code ratings.cache.check-interval} that Redis still holds the cache and rebuilds it
 * when it does not: at startup against an empty Redis, after a flush, or on request ({@link
 * #checkNow}).
 */
final class RatingCacheGuard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RatingCacheGuard.class);

    private final SharedRedisConnection redis;
    private final RatingCacheRebuild rebuild;
    private final CacheSettings settings;
    private ScheduledExecutorService executor;

    RatingCacheGuard(SharedRedisConnection redis, RatingCacheRebuild rebuild, CacheSettings settings) {
        this.redis = redis;
        this.rebuild = rebuild;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "rating-cache-guard"));
        long interval = settings.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Checks now, instead of at the next interval: a rebuild was just requested. */
    synchronized void checkNow() {
        if (executor != null) {
            executor.execute(this::check);
        }
    }

    private void check() {
        if (redis.connection().isEmpty()) {
            return;
        }
        try {
            rebuild.rebuildIfMissing();
        } catch (RuntimeException e) {
            log.warn("Rating cache check failed; trying again in {}: {}", settings.checkInterval(), e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
