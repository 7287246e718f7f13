package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.tools.chaos.Freshness.SeenWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final long GRACE = 10_000;

    @Test
    void freshAgainWhenTheFirstWindowEndingAfterTheFaultIsSeen() {
        List<SeenWindow> seen = List.of(
                new SeenWindow(1, 100_000, 111_000), // before the fault
                new SeenWindow(1, 110_000, 140_000), // ended after the fault at 105 s, seen 35 s later
                new SeenWindow(2, 120_000, 141_000));

        Freshness freshness = Freshness.of(seen, 105_000, 200_000, GRACE);

        assertThat(freshness.freshAfterMs()).hasValue(35_000);
    }

    @Test
    void slowestCountsWindowsStillDueAtTheFaultAndNoneAfterThePhase() {
        List<SeenWindow> seen = List.of(
                new SeenWindow(1, 90_000, 101_000), // closed before the fault: 11 s, not counted
                new SeenWindow(1, 100_000, 140_000), // due at 110 s, after the fault at 105 s: 40 s
                new SeenWindow(2, 110_000, 141_000), // 31 s
                new SeenWindow(3, 300_000, 399_000)); // after the phase's end

        Freshness freshness = Freshness.of(seen, 105_000, 200_000, GRACE);

        assertThat(freshness.slowestMs()).hasValue(40_000);
    }

    @Test
    void nothingSeenMeansNoFigure() {
        Freshness freshness = Freshness.of(List.of(), 105_000, 200_000, GRACE);

        assertThat(freshness.freshAfterMs()).isEmpty();
        assertThat(freshness.slowestMs()).isEmpty();
    }
}
