package dev.ratings.sink.kafka;

import dev.ratings.contract.GroupProgress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * {@code rebuild} in {@code /actuator/health} while the sink rebuilds a database: down until each
 * consumer group has committed (that is, written) every record its topic held when the sink started,
 * so that {@code ./ratings recover} knows when the tables are whole again; then it clears the
 * database's rebuild mark, which the ingest API answered 503 for until then.
 */
public final class RebuildHealthIndicator implements HealthIndicator, SmartLifecycle {

    /** Looks by itself too, so that the mark goes even when nobody watches the health. */
    private static final Duration SELF_CHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RebuildHealthIndicator.class);

    private final GroupProgress progress;
    private final Map<String, String> topicByGroup;
    private final Map<String, Map<TopicPartition, Long>> targets = new LinkedHashMap<>();
    private final Runnable whenRebuilt;
    private volatile boolean done;
    private ScheduledExecutorService selfCheck;

    /** {@code whenRebuilt} runs once, at the first health check that finds every group caught up. */
    public RebuildHealthIndicator(GroupProgress progress, Map<String, String> topicByGroup, Runnable whenRebuilt) {
        this.progress = progress;
        this.topicByGroup = Map.copyOf(topicByGroup);
        this.whenRebuilt = whenRebuilt;
    }

    @Override
    public synchronized void start() {
        selfCheck = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rebuild-check");
            thread.setDaemon(true);
            return thread;
        });
        selfCheck.scheduleWithFixedDelay(this::checkQuietly, 0, SELF_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        selfCheck.shutdownNow();
        selfCheck = null;
    }

    /** Done: no more checks, the running state stays for the lifecycle (stop() comes at shutdown). */
    private synchronized void stopChecking() {
        if (selfCheck != null) {
            selfCheck.shutdown();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return selfCheck != null;
    }

    private void checkQuietly() {
        try {
            if (health().getStatus().equals(Status.UP)) {
                stopChecking();
            }
        } catch (RuntimeException e) {
            LOG.debug("rebuild check failed; trying again in {}", SELF_CHECK, e);
        }
    }

    @Override
    public synchronized Health health() {
        if (done) {
            return Health.up().withDetail("rebuilt", true).build();
        }
        topicByGroup.forEach((group, topic) -> targets.computeIfAbsent(group, g -> progress.committedEnd(topic)));
        Map<String, Boolean> caughtUp = new LinkedHashMap<>();
        targets.forEach((group, ends) -> caughtUp.put(group, progress.hasConsumed(group, ends)));
        if (caughtUp.values().stream().allMatch(Boolean::booleanValue)) {
            whenRebuilt.run(); // before done: if it fails, the next check tries again
            done = true;
            LOG.info("Rebuild done: every group has written what its topic held at the start");
        }
        return (done ? Health.up() : Health.down())
                .withDetail("readToStartEnd", caughtUp)
                .build();
    }
}
