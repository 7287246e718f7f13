package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.tools.chaos.Evidence.WindowKey;
import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private final PhaseRecord phase = new PhaseRecord("kill -9 sink", List.of(1L, 2L), 100_000, 200_000);
    private final Tally tally = new Tally();
    private final Map<Pair, Integer> log = new HashMap<>();
    private final Map<Long, Long> counted = new HashMap<>();
    private final Map<WindowKey, Integer> windows = new HashMap<>();
    private long republished;
    private List<ReplayComparison> replays = List.of();

    private void accepted(String user, long post) {
        tally.attempt(phase.name(), "202");
        tally.finish(phase.name(), new Pair(user, post), "202");
        log.merge(new Pair(user, post), 1, Integer::sum);
        counted.merge(post, 1L, Long::sum);
    }

    private Verdict verdict() {
        return Verdict.of(
                List.of(phase), tally, new Evidence(log, republished, counted, windows, 0, List.of(), replays), GRACE);
    }

    @Test
    void everyAcceptedRatingCountedOncePasses() {
        accepted("a", 1);
        accepted("b", 2);
        tally.attempt(phase.name(), "503");
        tally.finish(phase.name(), new Pair("c", 1), "503");
        windows.put(new WindowKey(1, 1, 0), 1);

        Verdict verdict = verdict();

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.rows()).singleElement().satisfies(row -> {
            assertThat(row.sent()).isEqualTo(3);
            assertThat(row.accepted()).isEqualTo(2);
            assertThat(row.counted()).isEqualTo(2);
            assertThat(row.failed()).isEqualTo(Map.of("503", 1L));
        });
    }

    @Test
    void aRetriedAnswerCountsAmongTheAnswersButNotTheFailures() {
        tally.attempt(phase.name(), "503");
        accepted("a", 1);

        Verdict.Row row = verdict().rows().get(0);

        assertThat(row.failed()).isEmpty();
        assertThat(row.answeredOtherThan202()).isEqualTo(Map.of("503", 1L));
    }

    @Test
    void twoDifferentEventsOfOneRatingAreCountedTwice() {
        accepted("a", 1);
        log.merge(new Pair("a", 1), 1, Integer::sum);
        counted.merge(1L, 1L, Long::sum);

        assertThat(verdict().problems())
                .singleElement()
                .asString()
                .contains("counted twice")
                .contains("{202=1}");
    }

    @Test
    void anAcceptedRatingMissingFromTheLogIsLost() {
        accepted("a", 1);
        log.remove(new Pair("a", 1));
        counted.put(1L, 0L);

        assertThat(verdict().problems())
                .anySatisfy(
                        problem -> assertThat(problem).contains("1 ratings answered 202 are not in the ratings log"));
        assertThat(verdict().rows().get(0).acceptedButMissing()).isEqualTo(1);
    }

    @Test
    void aRatingWhoseClientGaveUpButWhichReachedTheLogOnceIsANoteNotAProblem() {
        tally.attempt(phase.name(), "503");
        tally.finish(phase.name(), new Pair("a", 1), "503");
        log.put(new Pair("a", 1), 1);
        counted.put(1L, 1L);

        Verdict verdict = verdict();

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.notes())
                .singleElement()
                .asString()
                .contains("gave up")
                .contains("{503=1}");
    }

    @Test
    void theSameEventPublishedAgainByARetryIsCountedOnceAndNoted() {
        accepted("a", 1);
        republished = 1; // the log holds a's event twice, under one ratingId

        Verdict verdict = verdict();

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.notes()).singleElement().asString().startsWith("1 records in the ratings log repeat");
    }

    @Test
    void postgresqlCountingOtherThanTheLogFails() {
        accepted("a", 1);
        counted.put(1L, 2L);

        assertThat(verdict().problems())
                .singleElement()
                .asString()
                .contains("post 1 has 1 rating events in the log, 2 counted");
    }

    @Test
    void aWindowTwiceOnTheTopicFails() {
        accepted("a", 1);
        windows.put(new WindowKey(1, 1, 0), 2);

        assertThat(verdict().problems()).singleElement().asString().contains("post-rating-windows holds window");
    }

    @Test
    void aServerErrorIsNotADocumentedFailure() {
        accepted("a", 1);
        tally.attempt(phase.name(), "500");

        assertThat(verdict().problems()).containsExactly("kill -9 sink: 1 answers 500 (not a documented failure)");
    }

    @Test
    void aWindowLaterThanGracePlus30sMissesTheTarget() {
        accepted("a", 1);
        Verdict verdict = Verdict.of(
                List.of(phase),
                tally,
                new Evidence(
                        log,
                        republished,
                        counted,
                        windows,
                        0,
                        List.of(new Freshness.SeenWindow(1, 110_000, 151_000)),
                        List.of()),
                GRACE);

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.missedTargets()).singleElement().asString().contains("41.0 s after its end");
    }

    @Test
    void aSecondReplayThatReproducesEveryWindowIsANoteOneThatDoesNotFailsTheProof() {
        accepted("a", 1);
        replays = List.of(new ReplayComparison(3, 4, 12, List.of(), 0));

        assertThat(verdict().problems()).isEmpty();
        assertThat(verdict().notes()).anySatisfy(note -> assertThat(note).contains("reproduced all 12 windows"));

        replays = List.of(new ReplayComparison(3, 4, 12, List.of("Window[post=1, windowStartMs=0]: ..."), 1));

        assertThat(verdict().problems())
                .singleElement()
                .asString()
                .contains("did not reproduce 1 of 12 windows of generation 3");
    }
}
