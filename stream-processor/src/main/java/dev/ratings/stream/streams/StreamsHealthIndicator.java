package dev.ratings.stream.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the scores are being computed (running or rebalancing), DOWN otherwise. */
public final class StreamsHealthIndicator implements HealthIndicator {

    private final ScoreStreamsLifecycle lifecycle;

    public StreamsHealthIndicator(ScoreStreamsLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        ScoreStreams streams = lifecycle.current();
        if (streams == null) {
            return Health.down().withDetail("state", "not started").build();
        }
        KafkaStreams.State state = streams.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.up()
                : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("generation", streams.generation())
                .withDetail("applicationId", streams.applicationId())
                .build();
    }
}
