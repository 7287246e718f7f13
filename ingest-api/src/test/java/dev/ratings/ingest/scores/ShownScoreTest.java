package dev.ratings.ingest.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShownScoreTest {

    static final long W = ScoreParameters.DEFAULTS.windowSizeMs();
    static final long WINDOW_END = Instant.parse("2026-01-01T00:05:00Z").toEpochMilli();

    // target 4.0, score 3.0, decay 0.5: the shown score halves its distance to 4.0 per quiet window
    static final WindowResult LATEST = WindowResult.of(
            7,
            WINDOW_END - W,
            new WindowResult.Counts(3, 3, 3, 11, 11.0 / 3),
            new WindowResult.State(1, 0.6, 3, 11, 4.0, 3.0),
            null,
            ScoreParameters.DEFAULTS,
            1);

    @Test
    void beforeTheFirstWindowEverythingIsNull() {
        assertThat(ShownScore.of(null, WINDOW_END)).isEqualTo(new ShownScore(null, null, null, null));
    }

    @Test
    void countAndRawAverageComeFromTheLatestWindow() {
        ShownScore shown = ShownScore.of(LATEST, WINDOW_END);

        assertThat(shown.ratingCount()).isEqualTo(3);
        assertThat(shown.rawAverage()).isCloseTo(11.0 / 3, within(1e-12));
        assertThat(shown.scoreUpdatedAt()).isEqualTo("2026-01-01T00:05:00.000Z");
    }

    @Test
    void averageIsTheWindowScoreUntilAWholeWindowHasPassed() {
        assertThat(ShownScore.of(LATEST, WINDOW_END).averageRating()).isEqualTo(3.0);
        assertThat(ShownScore.of(LATEST, WINDOW_END + W - 1).averageRating()).isEqualTo(3.0);
    }

    @Test
    void averageConvergesToTheTargetWhileThePostIsQuiet() {
        assertThat(ShownScore.of(LATEST, WINDOW_END + W).averageRating()).isCloseTo(3.5, within(1e-12));
        assertThat(ShownScore.of(LATEST, WINDOW_END + 2 * W + 10).averageRating())
                .isCloseTo(3.75, within(1e-12));
    }
}
