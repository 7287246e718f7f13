package dev.ratings.bench.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void theLargestDropIsMeasuredFromTheWindowBeforeOverTheTwelveAfter() {
        double[] values = {3.0, 4.0, 3.9, 3.2, 3.6, 4.0, 4, 4, 4, 4, 4, 4, 4, 4, 1.0};

        assertThat(Fairness.largestDrop(values, 2)).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aValueThatRisesDropsByNothing() {
        assertThat(Fairness.largestDrop(new double[] {3, 3.5, 4}, 1)).isZero();
    }

    @Test
    void windowsToFollowCountFromTheFirstWindowOfTheChangeUntilItStaysWithinTenPercent() {
        double[] values = {4.0, 4.0, 2.0, 1.2, 1.5, 1.25, 1.1, 1.0};

        // 10 % of the distance from 4 to 1 is 0.3: 1.2 is close, 1.5 is not again, from 1.25 on it stays
        assertThat(Fairness.windowsToFollow(values, 2, 1.0)).isEqualTo("4");
        assertThat(Fairness.windowsToFollow(new double[] {4, 4, 3, 3}, 2, 1.0)).isEqualTo("more than 2");
    }

    /**
     * The simulation runs the real formulas: decay-v2 keeps fresh and merely old accounts within the
     * targets of issue 14 while following a genuine change within eight windows, where decay-v1 lets
     * a drip through. Farmed accounts that look like established users are the documented limit:
     * they are trusted, so only the burst rule and their number bound them (not asserted).
     */
    @Test
    void decayV2MeetsTheTargetsWhereDecayV1DoesNot() {
        List<String> rows = Fairness.table().lines().skip(2).toList();
        assertThat(rows).hasSize(Fairness.SCENARIOS.size());

        for (String row : rows.subList(0, 5)) {
            assertThat(Double.parseDouble(column(row, 3))).as(row).isLessThanOrEqualTo(0.5);
        }
        assertThat(Double.parseDouble(column(rows.get(2), 2)))
                .as("decay-v1 under a drip")
                .isGreaterThan(0.5);
        assertThat(Integer.parseInt(column(rows.get(6), 3)))
                .as("decay-v2 follows")
                .isLessThanOrEqualTo(8);
        assertThat(Integer.parseInt(column(rows.get(6), 2)))
                .as("decay-v1 follows")
                .isLessThanOrEqualTo(8);
    }

    private static String column(String row, int index) {
        return row.split("\\|")[index + 1].trim();
    }
}
