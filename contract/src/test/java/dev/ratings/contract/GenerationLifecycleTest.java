package dev.ratings.contract;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle.Change;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GenerationLifecycle.Outcome;
import dev.ratings.contract.GenerationLifecycle.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class GenerationLifecycleTest {

    private static final long T = 1_717_200_000_000L;
    private static final ScoreParameters OTHER =
            new ScoreParameters(ScoreAlgorithm.DECAY_V1, 300_000, 0.3, 2.5, 0, 3, 10, 0.2, null);

    @Test
    void theFirstEventOfALogMakesGenerationOneCurrent() {
        GenerationLifecycle log = GenerationLifecycle.empty();

        Verdict verdict = log.apply(event(1, CURRENT));

        assertThat(verdict.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(verdict.changes()).containsExactly(new Change(1, null, CURRENT));
        assertThat(states(log)).isEqualTo(Map.of(1L, CURRENT));
    }

    @Test
    void aLogCannotStartWithAnotherGenerationOrAReplay() {
        assertRefused(GenerationLifecycle.empty(), event(3, CURRENT), "first generation of a log is 1");
        assertRefused(GenerationLifecycle.empty(), event(1, BUILDING), "there is none yet");
        assertRefused(GenerationLifecycle.empty(), event(1, RETIRED), "never started");
    }

    @Test
    void aReplayStartsAboveEveryGenerationSoFar() {
        GenerationLifecycle log = logOf(event(1, CURRENT));

        Verdict verdict = log.apply(event(2, BUILDING));

        assertThat(verdict.changes()).containsExactly(new Change(2, null, BUILDING));
        assertThat(log.building().map(Generation::number)).contains(2L);
        assertThat(log.current().map(Generation::number)).contains(1L);
    }

    @Test
    void aReplayMayNotSkipNumbersBackwards() {
        GenerationLifecycle log =
                logOf(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT), event(3, BUILDING), event(3, RETIRED));

        assertRefused(log, event(1, BUILDING), "not above the highest generation so far, 3");
        assertRefused(log, event(3, BUILDING, OTHER), "not above the highest generation so far, 3");
        assertThat(log.apply(event(4, BUILDING)).isApplied()).isTrue();
    }

    @Test
    void onlyOneReplayAtATime() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING));

        assertRefused(log, event(3, BUILDING), "generation 2 is being built");
    }

    @Test
    void twoRequestsForTheSameNumberLeaveOneWinner() {
        GenerationLifecycle log = logOf(event(1, CURRENT));

        Verdict first = log.apply(event(2, BUILDING, OTHER));
        Verdict sameNumberOtherSettings = log.apply(event(2, BUILDING));
        Verdict sameNumberSameSettings = log.apply(event(2, BUILDING, OTHER));

        assertThat(first.isApplied()).isTrue();
        assertThat(sameNumberOtherSettings.isRefused()).isTrue();
        assertThat(sameNumberSameSettings.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(log.get(2).orElseThrow().startedBy().parameters()).isEqualTo(OTHER);
    }

    @Test
    void promotionRetiresThePreviousCurrentGenerationInTheSameEvent() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING));

        Verdict verdict = log.apply(event(2, CURRENT));

        assertThat(verdict.changes())
                .as("the generation leaving CURRENT first")
                .containsExactly(new Change(1, CURRENT, RETIRED), new Change(2, BUILDING, CURRENT));
        assertThat(states(log)).isEqualTo(Map.of(1L, RETIRED, 2L, CURRENT));
    }

    @Test
    void theRetirementWrittenWithAPromotionIsAnIdempotentRepeat() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT));

        assertThat(log.apply(event(1, RETIRED)).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(log.apply(event(2, CURRENT)).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(states(log)).isEqualTo(Map.of(1L, RETIRED, 2L, CURRENT));
    }

    @Test
    void aForgedCurrentForAGenerationThatNeverStartedChangesNothing() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING));
        List<Generation> before = log.all();

        assertRefused(log, event(99, CURRENT, ScoreParameters.DEFAULTS, Long.MAX_VALUE / 2), "never started");
        assertThat(log.all()).isEqualTo(before);
    }

    @Test
    void aRetiredGenerationNeverComesBack() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT));

        assertRefused(log, event(1, CURRENT), "generation 1 is RETIRED");
        assertThat(log.current().map(Generation::number)).contains(2L);
    }

    @Test
    void aPromotionMustCarryTheParametersTheReplayStartedWith() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING, OTHER));

        assertRefused(log, event(2, CURRENT), "started with other parameters");
        assertThat(log.apply(event(2, CURRENT, OTHER)).isApplied()).isTrue();
    }

    @Test
    void anAbandonedReplayIsRetiredAndItsNumberIsNotUsedAgain() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING));

        Verdict verdict = log.apply(event(2, RETIRED));

        assertThat(verdict.changes()).containsExactly(new Change(2, BUILDING, RETIRED));
        assertThat(log.building()).isEmpty();
        assertRefused(log, event(2, CURRENT), "generation 2 is RETIRED");
        assertRefused(log, event(2, BUILDING), "not above");
    }

    @Test
    void theCurrentGenerationIsRetiredOnlyByItsSuccessor() {
        GenerationLifecycle log = logOf(event(1, CURRENT));

        assertRefused(log, event(1, RETIRED), "retired only by its successor");
        assertRefused(log, event(5, RETIRED), "never started");
        assertThat(states(log)).isEqualTo(Map.of(1L, CURRENT));
    }

    @Test
    void changedAtPlaysNoPart() {
        // a promotion written by a clock that stepped back is still a promotion
        GenerationLifecycle log = logOf(
                event(1, CURRENT, ScoreParameters.DEFAULTS, T), event(2, BUILDING, ScoreParameters.DEFAULTS, T + 1000));

        assertThat(log.apply(event(2, CURRENT, ScoreParameters.DEFAULTS, T - 86_400_000))
                        .isApplied())
                .isTrue();
        // and an event from the far future is no stronger than any other
        assertRefused(log, event(1, CURRENT, ScoreParameters.DEFAULTS, Long.MAX_VALUE / 2), "RETIRED");
    }

    @Test
    void decidingChangesNothing() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING));

        assertThat(log.decide(event(2, CURRENT)).isApplied()).isTrue();
        assertThat(states(log)).isEqualTo(Map.of(1L, CURRENT, 2L, BUILDING));
    }

    @Test
    void aLifecycleRestoredFromWhatWasAppliedDecidesAlike() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING), event(2, CURRENT), event(3, BUILDING));
        GenerationLifecycle restored = GenerationLifecycle.of(log.all());

        for (GenerationEvent next :
                List.of(event(3, CURRENT), event(2, BUILDING), event(4, BUILDING), event(9, CURRENT))) {
            assertThat(restored.decide(next)).as("%s", next).isEqualTo(log.decide(next));
        }
        assertThat(restored.highest()).isEqualTo(3);
    }

    @Test
    void nextBuildingIsAboveTheHighestGeneration() {
        GenerationLifecycle log = logOf(event(1, CURRENT), event(2, BUILDING), event(2, RETIRED));

        GenerationEvent next = log.nextBuilding(OTHER, 500, T);

        assertThat(next.generation()).isEqualTo(3);
        assertThat(log.decide(next).isApplied()).isTrue();
    }

    @Test
    void whateverTheEventsThereIsAtMostOneCurrentAndOneBuildingAndNumbersOnlyGrow() {
        Random random = new Random(42);
        GenerationState[] states = GenerationState.values();
        for (int run = 0; run < 200; run++) {
            GenerationLifecycle log = GenerationLifecycle.empty();
            long highest = 0;
            boolean hadCurrent = false;
            for (int i = 0; i < 30; i++) {
                GenerationEvent event = event(
                        1 + random.nextInt(6),
                        states[random.nextInt(states.length)],
                        random.nextBoolean() ? ScoreParameters.DEFAULTS : OTHER,
                        random.nextLong());
                List<Generation> before = log.all();
                Verdict verdict = log.apply(event);
                if (!verdict.isApplied()) {
                    assertThat(log.all()).as("%s changed nothing", event).isEqualTo(before);
                }
                assertThat(log.all().stream().filter(g -> g.state() == CURRENT)).hasSizeLessThanOrEqualTo(1);
                assertThat(log.all().stream().filter(g -> g.state() == BUILDING))
                        .hasSizeLessThanOrEqualTo(1);
                assertThat(log.highest()).isGreaterThanOrEqualTo(highest);
                highest = log.highest();
                hadCurrent |= log.current().isPresent();
                if (hadCurrent) {
                    assertThat(log.current())
                            .as("once there is a current generation, there always is")
                            .isPresent();
                }
            }
        }
    }

    @Test
    void aRecordThatHoldsNoEventOrIsKeyedByAnotherGenerationIsUnreadable() {
        byte[] valid = GenerationRecords.record(event(2, BUILDING)).value();

        assertThat(GenerationRecords.read("2", valid)).isEqualTo(event(2, BUILDING));
        assertThatThrownBy(() -> GenerationRecords.read("3", valid))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("key must be the generation number 2");
        assertThatThrownBy(() -> GenerationRecords.read("2", null)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> GenerationRecords.read("2", "{\"generation\":0}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> GenerationRecords.read("2", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    private static void assertRefused(GenerationLifecycle log, GenerationEvent event, String reason) {
        List<Generation> before = log.all();
        Verdict verdict = log.apply(event);
        assertThat(verdict.outcome()).as("%s", event).isEqualTo(Outcome.REFUSED);
        assertThat(verdict.reason()).contains(reason);
        assertThat(verdict.changes()).isEmpty();
        assertThat(log.all()).as("a refused event changes nothing").isEqualTo(before);
    }

    private static GenerationLifecycle logOf(GenerationEvent... events) {
        GenerationLifecycle log = GenerationLifecycle.empty();
        for (GenerationEvent event : events) {
            assertThat(log.apply(event).isApplied()).as("%s", event).isTrue();
        }
        return log;
    }

    private static Map<Long, GenerationState> states(GenerationLifecycle log) {
        Map<Long, GenerationState> states = new TreeMap<>();
        log.all().forEach(generation -> states.put(generation.number(), generation.state()));
        return states;
    }

    private static GenerationEvent event(long generation, GenerationState state) {
        return event(generation, state, ScoreParameters.DEFAULTS);
    }

    private static GenerationEvent event(long generation, GenerationState state, ScoreParameters parameters) {
        return event(generation, state, parameters, T);
    }

    private static GenerationEvent event(
            long generation, GenerationState state, ScoreParameters parameters, long changedAt) {
        return new GenerationEvent(generation, state, parameters, 10_000, changedAt);
    }
}
