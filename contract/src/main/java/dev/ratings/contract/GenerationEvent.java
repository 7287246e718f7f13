package dev.ratings.contract;

import java.util.Objects;

/**
 * A change in the life of a generation, the value of a {@link Topics#SCORE_GENERATIONS} record (key:
 * the generation number). A generation is one computation of every score from the whole ratings
 * history with fixed parameters: the first one starts with the system, each replay builds a new one.
 * Whether an event follows is decided by {@link GenerationLifecycle}, by generation number and log
 * order only.
 *
 * @param generation 1, 2, ...
 * @param state what the generation is now
 * @param parameters the score parameters it computes with, fixed for its lifetime
 * @param graceMs how long its windows accept ratings after their end
 * @param changedAt epoch milliseconds when the change was written: information for people, never
 *     used to order or accept events
 */
public record GenerationEvent(
        long generation, GenerationState state, ScoreParameters parameters, long graceMs, long changedAt) {

    public GenerationEvent {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(parameters, "parameters");
        if (graceMs < 0) {
            throw new IllegalArgumentException("graceMs must not be negative");
        }
    }

    public GenerationEvent withState(GenerationState newState, long at) {
        return new GenerationEvent(generation, newState, parameters, graceMs, at);
    }

    /** The lifecycle of a generation. */
    public enum GenerationState {
        /** Being computed from the beginning of the history beside the current one; not shown. */
        BUILDING,
        /** The one readers see. */
        CURRENT,
        /** Replaced by a newer generation; its rows and state are removed. */
        RETIRED
    }
}
