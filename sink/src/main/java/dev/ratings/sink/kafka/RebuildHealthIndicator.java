package dev.ratings.sink.kafka;

import dev.ratings.contract.GroupProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code rebuild} in {@code /actuator/health} while the sink rebuilds a database: down until each
 * consumer group has committed (that is, written) every record its topic held when the sink started,
 * so that {@code ./ratings recover} starts the ingest API only once the tables are whole again.
 */
public final class RebuildHealthIndicator implements HealthIndicator {

    private final GroupProgress progress;
    private final Map<String, String> topicByGroup;
    private final Map<String, Map<TopicPartition, Long>> targets = new LinkedHashMap<>();
    private volatile boolean done;

    public RebuildHealthIndicator(GroupProgress progress, Map<String, String> topicByGroup) {
        this.progress = progress;
        this.topicByGroup = Map.copyOf(topicByGroup);
    }

    @Override
    public synchronized Health health() {
        if (done) {
            return Health.up().withDetail("rebuilt", true).build();
        }
        topicByGroup.forEach((group, topic) -> targets.computeIfAbsent(group, g -> progress.committedEnd(topic)));
        Map<String, Boolean> caughtUp = new LinkedHashMap<>();
        targets.forEach((group, ends) -> caughtUp.put(group, progress.hasConsumed(group, ends)));
        done = caughtUp.values().stream().allMatch(Boolean::booleanValue);
        return (done ? Health.up() : Health.down())
                .withDetail("readToStartEnd", caughtUp)
                .build();
    }
}
