package dev.ratings.contract;

import dev.ratings.contract.GenerationEvent.GenerationState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The life of every generation as {@link Topics#SCORE_GENERATIONS} records it: a state machine keyed
 * and ordered by generation number, never by wall-clock time. Every reader of the log (each stream
 * processor instance, the sink) runs the events through it in log order, so they all agree on what
 * each event did.
 *
 * <ul>
 *   <li>{@code CURRENT(1)} on an empty log: the first generation.
 *   <li>{@code BUILDING(n)}: a replay starts, only beside a current generation, while no other one is
 *       being built (one replay at a time), and only for n above every generation the log has seen,
 *       so numbers never repeat or go backwards.
 *   <li>{@code CURRENT(n)} for the generation being built: the replay is promoted and the previous
 *       current generation is retired by the same event.
 *   <li>{@code RETIRED(n)} for the generation being built: the replay is abandoned.
 *   <li>An event identical to what the log already says of its generation (same state, parameters and
 *       grace) is an idempotent repeat: accepted, changes nothing.
 *   <li>Anything else does not follow and is refused: a {@code CURRENT} for a generation that never
 *       started or has retired, a number that is not above the highest, a second replay, a current
 *       generation retired without a successor, parameters other than the generation started with.
 *       A refused event changes nothing.
 * </ul>
 *
 * <p>After the first event there is always exactly one current generation. {@code changedAt} plays
 * no part: a clock step can neither freeze a promotion nor make an event look stale.
 */
public final class GenerationLifecycle {

    /**
     * A generation as the log made it.
     *
     * @param startedBy the event that started it: its parameters and grace
     */
    public record Generation(long number, GenerationState state, GenerationEvent startedBy) {}

    /** One generation's move; {@code from} is null for a generation the event starts. */
    public record Change(long generation, GenerationState from, GenerationState to) {}

    /** What an event did. */
    public enum Outcome {
        /** It follows: the changes are made. */
        APPLIED,
        /** An identical repeat: accepted, nothing to change. */
        UNCHANGED,
        /** It does not follow: refused, nothing changes. */
        REFUSED
    }

    /**
     * @param changes for {@link Outcome#APPLIED}: the generation leaving {@code CURRENT} first, so a
     *     store with at most one current generation can write them in order
     * @param reason for {@link Outcome#REFUSED}: why the event does not follow
     */
    public record Verdict(Outcome outcome, List<Change> changes, String reason) {

        static Verdict applied(Change... changes) {
            return new Verdict(Outcome.APPLIED, List.of(changes), null);
        }

        static Verdict unchanged() {
            return new Verdict(Outcome.UNCHANGED, List.of(), null);
        }

        static Verdict refused(String reason) {
            return new Verdict(Outcome.REFUSED, List.of(), reason);
        }

        public boolean isApplied() {
            return outcome == Outcome.APPLIED;
        }

        public boolean isRefused() {
            return outcome == Outcome.REFUSED;
        }
    }

    private final TreeMap<Long, Generation> generations = new TreeMap<>();

    private GenerationLifecycle() {}

    /** Before the first event of the log. */
    public static GenerationLifecycle empty() {
        return new GenerationLifecycle();
    }

    /** Where a reader left off, e.g. restored from a database that applied the log so far. */
    public static GenerationLifecycle of(Collection<Generation> known) {
        GenerationLifecycle lifecycle = new GenerationLifecycle();
        known.forEach(generation -> lifecycle.generations.put(generation.number(), generation));
        return lifecycle;
    }

    /** What the event would do, without doing it. */
    public Verdict decide(GenerationEvent event) {
        Generation own = generations.get(event.generation());
        if (own != null && own.state() == event.state() && sameDefinition(own, event)) {
            return Verdict.unchanged();
        }
        return switch (event.state()) {
            case BUILDING -> building(event);
            case CURRENT -> current(own, event);
            case RETIRED -> retired(own, event);
        };
    }

    /** Decides and, if the event follows, makes its changes. */
    public Verdict apply(GenerationEvent event) {
        Verdict verdict = decide(event);
        for (Change change : verdict.changes()) {
            Generation before = generations.get(change.generation());
            GenerationEvent startedBy = before == null ? event : before.startedBy();
            generations.put(change.generation(), new Generation(change.generation(), change.to(), startedBy));
        }
        return verdict;
    }

    public Optional<Generation> current() {
        return inState(GenerationState.CURRENT);
    }

    public Optional<Generation> building() {
        return inState(GenerationState.BUILDING);
    }

    public Optional<Generation> get(long generation) {
        return Optional.ofNullable(generations.get(generation));
    }

    /** Every generation the log has started, by number. */
    public List<Generation> all() {
        return List.copyOf(generations.values());
    }

    /** The highest generation number the log has seen; 0 before the first event. */
    public long highest() {
        return generations.isEmpty() ? 0 : generations.lastKey();
    }

    public boolean isEmpty() {
        return generations.isEmpty();
    }

    /** The event that starts the next replay with these settings; it still has to follow when it is read. */
    public GenerationEvent nextBuilding(ScoreParameters parameters, long graceMs, long at) {
        return new GenerationEvent(highest() + 1, GenerationState.BUILDING, parameters, graceMs, at);
    }

    private Verdict building(GenerationEvent event) {
        Optional<Generation> current = current();
        if (current.isEmpty()) {
            return Verdict.refused("a replay is built beside a current generation, and there is none yet");
        }
        Optional<Generation> building = building();
        if (building.isPresent()) {
            return Verdict.refused("generation " + building.get().number() + " is being built: one replay at a time");
        }
        if (event.generation() <= highest()) {
            return Verdict.refused(
                    "generation " + event.generation() + " is not above the highest generation so far, " + highest());
        }
        return Verdict.applied(new Change(event.generation(), null, GenerationState.BUILDING));
    }

    private Verdict current(Generation own, GenerationEvent event) {
        if (generations.isEmpty()) {
            return event.generation() == 1
                    ? Verdict.applied(new Change(1, null, GenerationState.CURRENT))
                    : Verdict.refused("the first generation of a log is 1, not " + event.generation());
        }
        if (own == null) {
            return Verdict.refused("generation " + event.generation() + " never started");
        }
        if (own.state() != GenerationState.BUILDING) {
            return Verdict.refused("generation " + own.number() + " is " + own.state() + ", not being built");
        }
        if (!sameDefinition(own, event)) {
            return Verdict.refused(otherDefinition(own));
        }
        List<Change> changes = new ArrayList<>();
        current()
                .ifPresent(previous ->
                        changes.add(new Change(previous.number(), GenerationState.CURRENT, GenerationState.RETIRED)));
        changes.add(new Change(own.number(), GenerationState.BUILDING, GenerationState.CURRENT));
        return Verdict.applied(changes.toArray(Change[]::new));
    }

    private Verdict retired(Generation own, GenerationEvent event) {
        if (own == null) {
            return Verdict.refused("generation " + event.generation() + " never started");
        }
        if (own.state() == GenerationState.CURRENT) {
            return Verdict.refused(
                    "the current generation " + own.number() + " is retired only by its successor becoming current");
        }
        if (!sameDefinition(own, event)) {
            return Verdict.refused(otherDefinition(own));
        }
        return Verdict.applied(new Change(own.number(), GenerationState.BUILDING, GenerationState.RETIRED));
    }

    private Optional<Generation> inState(GenerationState state) {
        return generations.values().stream()
                .filter(generation -> generation.state() == state)
                .findFirst();
    }

    private static boolean sameDefinition(Generation own, GenerationEvent event) {
        return own.startedBy().parameters().equals(event.parameters())
                && own.startedBy().graceMs() == event.graceMs();
    }

    private static String otherDefinition(Generation own) {
        return "generation " + own.number() + " started with other parameters or grace";
    }
}
