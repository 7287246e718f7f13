package dev.ratings.stream.streams;

import dev.ratings.stream.generations.Generations;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the scores are being computed (running or rebalancing), DOWN otherwise. */
public final class StreamsHealthIndicator implements HealthIndicator {

    private final Generations generations;

    public StreamsHealthIndicator(Generations generations) {
        this.generations = generations;
    }

    @Override
    public Health health() {
        ScoreStreams streams = generations.current().orElse(null);
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
