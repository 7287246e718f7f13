package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code score-generations} event changes in {@code score_generations}, decided in plain
 * Java from the rows the table holds.
 *
 * <ul>
 *   <li>{@code BUILDING(g)}: g is recorded as building if unknown; a current generation is never
 *       demoted. A retired g whose retirement is older than the event is a number reused after the
 *       Kafka data was wiped: it is building again (its rows were deleted when it retired).
 *   <li>{@code CURRENT(g)}: g becomes current; every other current generation, and every building one
 *       with a lower number or announced before this event, is retired. This holds whatever the
 *       numbers: a database that still shows 3 as current follows a fresh Kafka that makes 1 current.
 *   <li>{@code RETIRED(g)}: g is retired.
 * </ul>
 *
 * <p>Events carry the time the stream processor made the change ({@code changedAt}); each row keeps
 * the time of the last event applied to it. An event older than what the table already knows of its
 * generation, or a {@code CURRENT} older than the event that made today's current generation
 * current, is <em>stale</em>: the part of the log it comes from is being read again (a reset
 * consumer group, expired offsets) and applying it would retire the live generation and delete its
 * rows. Such an event changes nothing, except that an unknown generation it names is recorded as
 * retired, since something newer has replaced it. Applying the same event twice changes nothing.
 *
 * @param changes the rows to write, each with the event's time; those leaving {@code current} come
 *     first, so the one-current-generation index holds after every statement
 * @param switched whether another generation became current
 * @param stale whether the event is older than what the table knows
 */
record GenerationTransition(List<Change> changes, boolean switched, boolean stale) {

    /**
     * A row of {@code score_generations} as the transition needs it.
     *
     * @param changedAt epoch ms of the last event applied to it; null if known only from results
     */
    record Known(
            long generation,
            GenerationState state,
            @Nullable Long changedAt) {}

    /** The generation's new state; its time becomes the event's. */
    record Change(long generation, GenerationState state) {}

    static GenerationTransition of(Collection<Known> table, GenerationEvent event) {
        Map<Long, Known> known = new TreeMap<>();
        table.forEach(row -> known.put(row.generation(), row));
        Known own = known.get(event.generation());
        if (own != null && newerThan(own.changedAt(), event.changedAt())) {
            return new GenerationTransition(List.of(), false, true);
        }
        return switch (event.state()) {
            case BUILDING -> building(own, event);
            case CURRENT -> current(known, own, event);
            case RETIRED -> retired(own, event);
        };
    }

    /** The generations that are retired once the changes are written: their rows are to go. */
    List<Long> retiredAfter(Collection<Known> table) {
        Map<Long, GenerationState> states = new TreeMap<>();
        table.forEach(row -> states.put(row.generation(), row.state()));
        changes.forEach(change -> states.put(change.generation(), change.state()));
        return states.entrySet().stream()
                .filter(entry -> entry.getValue() == GenerationState.RETIRED)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static GenerationTransition building(@Nullable Known own, GenerationEvent event) {
        if (own == null) {
            return applied(List.of(new Change(event.generation(), GenerationState.BUILDING)), false);
        }
        boolean olderRow = !Objects.equals(own.changedAt(), event.changedAt());
        return switch (own.state()) {
            case CURRENT -> unchanged();
            // building known from its results, or announced before: only the time is recorded;
            // retired before this event: the number is being used again
            case BUILDING, RETIRED ->
                olderRow
                        ? applied(List.of(new Change(event.generation(), GenerationState.BUILDING)), false)
                        : unchanged();
        };
    }

    private static GenerationTransition current(Map<Long, Known> known, @Nullable Known own, GenerationEvent event) {
        long generation = event.generation();
        long at = event.changedAt();
        for (Known other : known.values()) {
            if (other.generation() != generation
                    && other.state() == GenerationState.CURRENT
                    && newerThan(other.changedAt(), at)) {
                List<Change> replaced =
                        own == null ? List.of(new Change(generation, GenerationState.RETIRED)) : List.of();
                return new GenerationTransition(replaced, false, true);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (Known other : known.values()) {
            if (other.generation() != generation && replacedBy(other, generation, at)) {
                changes.add(new Change(other.generation(), GenerationState.RETIRED));
            }
        }
        boolean switched = own == null || own.state() != GenerationState.CURRENT;
        if (switched || !Objects.equals(own.changedAt(), at)) {
            changes.add(new Change(generation, GenerationState.CURRENT));
        }
        return changes.isEmpty() ? unchanged() : applied(changes, switched);
    }

    /** Another current one, or a replay older than the one becoming current, or announced before it. */
    private static boolean replacedBy(Known other, long generation, long at) {
        return switch (other.state()) {
            case CURRENT -> true;
            case BUILDING -> other.generation() < generation || (other.changedAt() != null && other.changedAt() < at);
            case RETIRED -> false;
        };
    }

    private static GenerationTransition retired(@Nullable Known own, GenerationEvent event) {
        if (own != null
                && own.state() == GenerationState.RETIRED
                && Objects.equals(own.changedAt(), event.changedAt())) {
            return unchanged();
        }
        return applied(List.of(new Change(event.generation(), GenerationState.RETIRED)), false);
    }

    private static GenerationTransition applied(List<Change> changes, boolean switched) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparing((Change change) -> change.state() == GenerationState.CURRENT)
                .thenComparingLong(Change::generation));
        return new GenerationTransition(List.copyOf(ordered), switched, false);
    }

    private static GenerationTransition unchanged() {
        return new GenerationTransition(List.of(), false, false);
    }

    private static boolean newerThan(@Nullable Long known, long eventTime) {
        return known != null && known > eventTime;
    }
}
