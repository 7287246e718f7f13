package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.tools.chaos.ReplayComparison.Result;
import dev.ratings.tools.chaos.ReplayComparison.Window;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second replay against the first: every window the first had closed, the same. */
class ReplayComparisonTest {

    private final Map<Window, Result> first = new HashMap<>();
    private final Map<Window, Result> second = new HashMap<>();

    private ReplayComparison compare() {
        return ReplayComparison.of(3, first, 4, second);
    }

    @Test
    void theSameWindowsWithScoresWithinTheToleranceAreIdentical() {
        first.put(new Window(1, 0), new Result(5, 12, 3.7));
        first.put(new Window(1, 10_000), new Result(2, 14, 3.9));
        second.put(new Window(1, 0), new Result(5, 12, 3.7 + 1e-12));
        second.put(new Window(1, 10_000), new Result(2, 14, 3.9));
        // closed after the second replay started: nothing to compare it with
        second.put(new Window(1, 20_000), new Result(1, 15, 3.8));

        ReplayComparison comparison = compare();

        assertThat(comparison.identical()).isTrue();
        assertThat(comparison.compared()).isEqualTo(2);
        assertThat(comparison.differences()).isEmpty();
    }

    @Test
    void aScoreOffByMoreThanTheToleranceACountOffOrAWindowMissingDiffer() {
        first.put(new Window(1, 0), new Result(5, 12, 3.7));
        first.put(new Window(2, 0), new Result(5, 12, 3.7));
        first.put(new Window(3, 0), new Result(5, 12, 3.7));
        first.put(new Window(4, 0), new Result(5, 12, 3.7));
        second.put(new Window(1, 0), new Result(5, 12, 3.7 + 1e-6));
        second.put(new Window(2, 0), new Result(6, 12, 3.7));
        second.put(new Window(3, 0), new Result(5, 13, 3.7));

        ReplayComparison comparison = compare();

        assertThat(comparison.identical()).isFalse();
        assertThat(comparison.differing()).isEqualTo(4);
        assertThat(comparison.differences())
                .hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("post=4").contains("missing in generation 4"));
    }

    @Test
    void onlyAFewDifferencesAreSpelledOut() {
        for (long post = 0; post < 20; post++) {
            first.put(new Window(post, 0), new Result(1, 1, 3.0));
        }

        ReplayComparison comparison = compare();

        assertThat(comparison.differing()).isEqualTo(20);
        assertThat(comparison.differences()).hasSize(ReplayComparison.EXAMPLES);
    }
}
