package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChaosTableTest {

    @Test
    void rendersOneRowPerPhaseWithFailuresLargestFirst() {
        Verdict.Row baseline = new Verdict.Row(
                "none (baseline)",
                5000,
                Map.of(),
                Map.of(),
                new Freshness(OptionalLong.of(14_200), OptionalLong.of(11_300)),
                5000,
                5000,
                0);
        Verdict.Row killed = new Verdict.Row(
                "kill -9 ingest-api",
                12_000,
                Map.of("503", 100L, "refused", 5200L),
                Map.of("503", 340L, "refused", 5600L),
                new Freshness(OptionalLong.of(31_000), OptionalLong.empty()),
                6700,
                6699,
                1);

        String table = ChaosTable.render(List.of(baseline, killed));

        assertThat(table.lines())
                .containsExactly(
                        ChaosTable.HEADER.lines().toList().get(0),
                        "|---|---|---|---|---|---|",
                        "| none (baseline) | 0 of 5,000 | none | 14.2 s | 11.3 s | 5,000 / 5,000 |",
                        "| kill -9 ingest-api | 5,300 of 12,000: refused 5,200, 503 100 | refused 5,600, 503 340 | 31.0 s | – | 6,700 / 6,699 (1 lost) |");
    }
}
