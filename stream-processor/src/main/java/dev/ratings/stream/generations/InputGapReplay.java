package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.ScoreParameters;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows when a generation skipped records it never applied (its consumer offsets moved
 * forward past them): the current generation is recomputed from the whole history by a replay
 * with its own parameters, and goes on serving its scores until the replay is promoted. A rewind
 * needs none of this: the records are skipped as applied and the state is right.
 */
final class InputGapReplay {

    private static final Logger log = LoggerFactory.getLogger(InputGapReplay.class);

    /** Requests a replay; throws {@link ReplayConflictException} when one is under way. */
    interface Replays {

        GenerationEvent request(ScoreParameters parameters, Duration grace);
    }

    private final Supplier<GenerationLifecycle> lifecycle;
    private final Replays replays;

    InputGapReplay(Supplier<GenerationLifecycle> lifecycle, Replays replays) {
        this.lifecycle = lifecycle;
        this.replays = replays;
    }

    /** Returns the replay it requested, if it did. */
    Optional<GenerationEvent> afterGapIn(long generation) {
        GenerationLifecycle now = lifecycle.get();
        Optional<Generation> current = now.current().filter(live -> live.number() == generation);
        if (current.isEmpty()) {
            log.warn(
                    "Generation {} skipped records it never applied, but it is not current: left as it is", generation);
            return Optional.empty();
        }
        Optional<Generation> building = now.building();
        if (building.isPresent()) {
            log.warn(
                    "Generation {} skipped records it never applied; replay {} reads the whole history and holds them",
                    generation,
                    building.get().number());
            return Optional.empty();
        }
        GenerationEvent live = current.get().startedBy();
        try {
            GenerationEvent replay = replays.request(live.parameters(), Duration.ofMillis(live.graceMs()));
            log.warn(
                    "Generation {} skipped records it never applied (its offsets moved forward): recomputing it from"
                            + " the whole history as generation {}; its scores are served until then",
                    generation,
                    replay.generation());
            return Optional.of(replay);
        } catch (ReplayConflictException e) {
            log.warn(
                    "Generation {} skipped records it never applied; a replay is under way already: {}",
                    generation,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
