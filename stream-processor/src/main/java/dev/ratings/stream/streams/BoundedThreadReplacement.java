package dev.ratings.stream.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a failed stream thread a few times (a broker hiccup), but shuts the client down when
 * failures keep coming: a bug that fails on the same record would otherwise loop forever. The health
 * endpoint then reports DOWN.
 */
final class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BoundedThreadReplacement.class);

    private final int maxReplacements;
    private final Duration period;
    private final Runnable onFailure;
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    BoundedThreadReplacement(int maxReplacements, Duration period, Runnable onFailure) {
        this.maxReplacements = maxReplacements;
        this.period = period;
        this.onFailure = onFailure;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        onFailure.run();
        long now = System.currentTimeMillis();
        while (!recentFailures.isEmpty() && recentFailures.peekFirst() < now - period.toMillis()) {
            recentFailures.removeFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() > maxReplacements) {
            log.error(
                    "Stream thread failed {} times within {}; shutting down", recentFailures.size(), period, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.warn("Stream thread failed; replacing it", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
