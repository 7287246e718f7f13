package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Progress of one replay through its phases. */
final class Replay {

    enum Phase {
        CATCHING_UP,
        WAITING_FOR_SINK,
        CURRENT
    }

    private final GenerationEvent generation;
    private final long startedAt;
    private Phase phase = Phase.CATCHING_UP;
    private long caughtUpAt;
    private long activatedAt;
    private Map<TopicPartition, Long> sinkTarget = Map.of();

    Replay(GenerationEvent generation, long startedAt) {
        this.generation = generation;
        this.startedAt = startedAt;
    }

    GenerationEvent generation() {
        return generation;
    }

    Phase phase() {
        return phase;
    }

    /** Where post-rating-windows ended when the replay caught up: the sink must read that far. */
    Map<TopicPartition, Long> sinkTarget() {
        return sinkTarget;
    }

    void caughtUp(long at, Map<TopicPartition, Long> producedUpTo) {
        caughtUpAt = at;
        sinkTarget = Map.copyOf(producedUpTo);
        phase = Phase.WAITING_FOR_SINK;
    }

    void activated(long at) {
        activatedAt = at;
        phase = Phase.CURRENT;
    }

    ReplayStatus status(GenerationEvent latest, long recordsRead, Long ratingsRead, Long windowsEmitted) {
        return new ReplayStatus(
                latest.generation(),
                latest.state().name(),
                phase.name(),
                latest.parameters(),
                latest.graceMs(),
                startedAt,
                caughtUpAt == 0 ? null : caughtUpAt,
                activatedAt == 0 ? null : activatedAt,
                recordsRead,
                ratingsRead,
                windowsEmitted);
    }
}
