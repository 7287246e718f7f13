package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/** Replay status and the generations listing, from the log and the broker: the same on every instance. */
final class ReplayStatuses {

    private final GenerationFollower follower;
    private final GroupProgress progress;
    private final LongFunction<String> applicationIds;

    ReplayStatuses(GenerationFollower follower, GroupProgress progress, LongFunction<String> applicationIds) {
        this.follower = follower;
        this.progress = progress;
        this.applicationIds = applicationIds;
    }

    Optional<ReplayStatus> status(long generation) {
        GenerationLifecycle lifecycle = follower.lifecycle();
        Optional<Generation> current = lifecycle.current();
        return lifecycle.get(generation).map(found -> {
            boolean live = found.state() != GenerationState.RETIRED;
            String group = applicationIds.apply(generation);
            String currentGroup =
                    current.map(Generation::number).map(applicationIds::apply).orElse(null);
            boolean caughtUp = found.state() == GenerationState.BUILDING
                    && currentGroup != null
                    && progress.hasCaughtUp(group, currentGroup, Topics.RATINGS);
            return ReplayStatus.of(
                    found,
                    follower.times(generation),
                    caughtUp,
                    live ? progress.recordsRead(group, Topics.RATINGS) : null,
                    currentGroup == null ? null : progress.recordsRead(currentGroup, Topics.RATINGS));
        });
    }

    /**
     * A generation in the listing.
     *
     * @param runningHere whether this instance runs its Kafka Streams application
     */
    record Listed(
            long generation,
            String state,
            ScoreParameters parameters,
            long graceMs,
            Long startedAt,
            Long activatedAt,
            Long retiredAt,
            boolean runningHere) {}

    /** Every generation the log has started, oldest first. */
    List<Listed> all(Set<Long> runningHere) {
        return follower.lifecycle().all().stream()
                .map(generation -> {
                    GenerationFollower.Times times = follower.times(generation.number());
                    return new Listed(
                            generation.number(),
                            generation.state().name(),
                            generation.startedBy().parameters(),
                            generation.startedBy().graceMs(),
                            times.startedAt(),
                            times.activatedAt(),
                            times.retiredAt(),
                            runningHere.contains(generation.number()));
                })
                .toList();
    }
}
