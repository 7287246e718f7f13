package dev.ratings.stream.heartbeat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the heartbeat publisher every interval while the service runs. */
public final class HeartbeatSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSchedule.class);

    private final HeartbeatPublisher publisher;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public HeartbeatSchedule(HeartbeatPublisher publisher, Duration interval) {
        this.publisher = publisher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "heartbeats"));
        executor.scheduleWithFixedDelay(
                this::beatSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beatSafely() {
        try {
            publisher.beat();
        } catch (RuntimeException e) {
            log.warn("Heartbeat round failed; trying again next interval", e);
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
