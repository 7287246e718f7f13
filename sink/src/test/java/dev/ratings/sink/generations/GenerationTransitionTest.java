package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.sink.generations.GenerationTransition.Change;
import dev.ratings.sink.generations.GenerationTransition.Known;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GenerationTransitionTest {

    private static final long HOUR = 3_600_000;
    private static final long T = 1_717_200_000_000L;

    /** The log a live system writes: generation 1 first, then two replays, each switch at one instant. */
    private static final List<GenerationEvent> LOG = List.of(
            event(1, CURRENT, T),
            event(2, BUILDING, T + 10),
            event(2, CURRENT, T + 20),
            event(1, RETIRED, T + 20),
            event(3, BUILDING, T + 30),
            event(3, CURRENT, T + 40),
            event(2, RETIRED, T + 40));

    @Test
    void buildingOfAnUnknownGenerationRecordsIt() {
        Table table = new Table().with(1, CURRENT, T);

        GenerationTransition transition = table.apply(event(2, BUILDING, T + 1));

        assertThat(transition.changes()).containsExactly(new Change(2, BUILDING));
        assertThat(table.states()).isEqualTo(Map.of(1L, CURRENT, 2L, BUILDING));
    }

    @Test
    void buildingNeverDemotesTheCurrentGeneration() {
        Table table = new Table().with(2, CURRENT, null);

        GenerationTransition transition = table.apply(event(2, BUILDING, T));

        assertThat(transition.changes()).isEmpty();
        assertThat(table.states()).isEqualTo(Map.of(2L, CURRENT));
    }

    @Test
    void currentRetiresThePreviousOneBeforeTakingItsPlace() {
        Table table = new Table().with(1, CURRENT, T).with(2, BUILDING, T + 10);

        GenerationTransition transition = table.apply(event(2, CURRENT, T + 20));

        assertThat(transition.changes()).containsExactly(new Change(1, RETIRED), new Change(2, CURRENT));
        assertThat(transition.switched()).isTrue();
        assertThat(transition.retiredAfter(table.before())).containsExactly(1L);
    }

    @Test
    void currentRetiresLowerReplaysButKeepsAHigherOneKnownOnlyFromItsResults() {
        Table table = new Table().with(1, CURRENT, T).with(2, BUILDING, null).with(4, BUILDING, null);

        table.apply(event(3, CURRENT, T + 10));

        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED, 2L, RETIRED, 3L, CURRENT, 4L, BUILDING));
    }

    @Test
    void aFreshKafkaMakingALowerNumberCurrentOverridesTheDatabase() {
        Table table = new Table()
                .with(1, RETIRED, T - 3 * HOUR)
                .with(2, RETIRED, T - HOUR)
                .with(3, CURRENT, T - HOUR)
                .with(4, BUILDING, T - HOUR / 2);

        GenerationTransition transition = table.apply(event(1, CURRENT, T));

        assertThat(transition.switched()).isTrue();
        assertThat(table.states()).isEqualTo(Map.of(1L, CURRENT, 2L, RETIRED, 3L, RETIRED, 4L, RETIRED));
        assertThat(transition.retiredAfter(table.before())).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aNumberRetiredBeforeAFreshKafkaCanBeBuiltAgain() {
        Table table = new Table().with(2, RETIRED, T - HOUR).with(1, CURRENT, T);

        table.apply(event(2, BUILDING, T + 10));
        table.apply(event(2, CURRENT, T + 20));

        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED, 2L, CURRENT));
    }

    @Test
    void currentOlderThanTheSwitchToTodaysGenerationChangesNothing() {
        Table table = new Table().with(1, RETIRED, null).with(2, CURRENT, T + 20);

        GenerationTransition transition = table.apply(event(1, CURRENT, T));

        assertThat(transition.stale()).isTrue();
        assertThat(transition.changes()).isEmpty();
        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED, 2L, CURRENT));
    }

    @Test
    void staleCurrentOfAnUnknownGenerationRecordsItAsReplaced() {
        Table table = new Table().with(2, CURRENT, T + 20);

        GenerationTransition transition = table.apply(event(1, CURRENT, T));

        assertThat(transition.stale()).isTrue();
        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED, 2L, CURRENT));
    }

    @Test
    void eventOlderThanWhatIsKnownOfItsGenerationChangesNothing() {
        Table table = new Table().with(2, RETIRED, T + 40).with(3, CURRENT, T + 40);

        GenerationTransition transition = table.apply(event(2, BUILDING, T + 10));

        assertThat(transition.stale()).isTrue();
        assertThat(table.states()).isEqualTo(Map.of(2L, RETIRED, 3L, CURRENT));
    }

    @Test
    void currentReplacesACurrentGenerationKnownOnlyFromItsResults() {
        Table table = new Table().with(5, CURRENT, null);

        table.apply(event(1, CURRENT, T));

        assertThat(table.states()).isEqualTo(Map.of(1L, CURRENT, 5L, RETIRED));
    }

    @Test
    void retiredOfAnUnknownGenerationRecordsItSoItsResultsAreSkipped() {
        Table table = new Table().with(2, CURRENT, T);

        GenerationTransition transition = table.apply(event(1, RETIRED, T));

        assertThat(transition.changes()).containsExactly(new Change(1, RETIRED));
        assertThat(transition.retiredAfter(table.before())).containsExactly(1L);
    }

    @Test
    void retiringTheCurrentGenerationLeavesNoneCurrent() {
        Table table = new Table().with(1, CURRENT, T);

        GenerationTransition transition = table.apply(event(1, RETIRED, T + 1));

        assertThat(transition.switched()).isFalse();
        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED));
    }

    @Test
    void everyEventAppliedTwiceInARowChangesNothingTheSecondTime() {
        Table table = new Table();
        for (GenerationEvent event : LOG) {
            table.apply(event);
            Map<Long, Known> after = table.rows();

            GenerationTransition again = table.apply(event);

            assertThat(again.changes()).as("again: %s", event).isEmpty();
            assertThat(again.switched()).isFalse();
            assertThat(table.rows()).isEqualTo(after);
        }
    }

    @Test
    void aFreshDatabaseReadingTheLogEndsWithTheLastGenerationCurrent() {
        Table table = new Table();

        LOG.forEach(table::apply);

        assertThat(table.states()).isEqualTo(Map.of(1L, RETIRED, 2L, RETIRED, 3L, CURRENT));
    }

    @Test
    void readingTheWholeLogAgainNeverRetiresTheLiveGeneration() {
        Table table = new Table();
        LOG.forEach(table::apply);
        Map<Long, Known> live = table.rows();

        for (GenerationEvent event : LOG) {
            GenerationTransition transition = table.apply(event);

            assertThat(transition.switched()).as("read again: %s", event).isFalse();
            assertThat(transition.retiredAfter(table.before()))
                    .as("read again: %s", event)
                    .doesNotContain(3L);
        }
        assertThat(table.rows()).isEqualTo(live);
    }

    @Test
    void aCompactedLogGivesTheSameEnd() {
        // compaction keeps the last event of each generation, in log order
        List<GenerationEvent> compacted = List.of(LOG.get(3), LOG.get(5), LOG.get(6));
        Table fromFullLog = new Table();
        LOG.forEach(fromFullLog::apply);
        Table fromCompacted = new Table();

        compacted.forEach(fromCompacted::apply);

        assertThat(fromCompacted.rows()).isEqualTo(fromFullLog.rows());
    }

    @Test
    void theGenerationLeavingCurrentIsWrittenBeforeTheOneEntering() {
        Table table = new Table().with(7, CURRENT, T).with(3, BUILDING, T + 1);

        GenerationTransition transition = table.apply(event(3, CURRENT, T + 2));

        assertThat(transition.changes()).containsExactly(new Change(7, RETIRED), new Change(3, CURRENT));
    }

    private static GenerationEvent event(long generation, GenerationState state, long at) {
        return new GenerationEvent(generation, state, ScoreParameters.DEFAULTS, 10_000, at);
    }

    /** score_generations in memory: applies a transition the way the writer's SQL does. */
    private static final class Table {

        private final Map<Long, Known> rows = new TreeMap<>();
        private List<Known> before = List.of();

        Table with(long generation, GenerationState state, Long changedAt) {
            rows.put(generation, new Known(generation, state, changedAt));
            return this;
        }

        GenerationTransition apply(GenerationEvent event) {
            before = new ArrayList<>(rows.values());
            GenerationTransition transition = GenerationTransition.of(before, event);
            for (Change change : transition.changes()) {
                rows.put(change.generation(), new Known(change.generation(), change.state(), event.changedAt()));
            }
            assertThat(rows.values().stream().filter(row -> row.state() == CURRENT))
                    .as("at most one current generation")
                    .hasSizeLessThanOrEqualTo(1);
            return transition;
        }

        List<Known> before() {
            return before;
        }

        Map<Long, Known> rows() {
            return new TreeMap<>(rows);
        }

        Map<Long, GenerationState> states() {
            Map<Long, GenerationState> states = new TreeMap<>();
            rows.forEach((generation, row) -> states.put(generation, row.state()));
            return states;
        }
    }
}
