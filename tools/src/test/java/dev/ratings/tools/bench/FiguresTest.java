package dev.ratings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void ratiosPercentagesAndFactorsSayNaWithoutABaseline() {
        assertThat(Figures.ratio(5000, 2000)).isEqualTo("2.50");
        assertThat(Figures.ratio(5000, 0)).isEqualTo("n/a");
        assertThat(Figures.pct(600, 1000)).isEqualTo("60 %");
        assertThat(Figures.pct(Double.NaN, 1000)).isEqualTo("n/a");
        assertThat(Figures.factor(340, 100)).isEqualTo("3.4×");
        assertThat(Figures.factor(12_000, 100)).isEqualTo("120×");
        assertThat(Figures.factor(12_000, 0)).isEqualTo("∞ (none)");
    }

    @Test
    void medianIsTheMiddleOrTheLowerOfTheTwoMiddles() {
        assertThat(Figures.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Figures.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.0);
        assertThat(Figures.median(List.of(Double.NaN, 7.0))).isEqualTo(7.0);
        assertThat(Figures.median(List.of())).isNaN();
    }
}
