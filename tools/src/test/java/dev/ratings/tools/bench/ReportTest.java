package dev.ratings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void tableShowsFiguresRatiosAndGaps() {
        Results results = Results.of(Map.of(
                "mode", "quick",
                "max_rounds", "1",
                "stream_per_s", "30000",
                "perf_msg_per_s", "100000",
                "db_naive_tx_per_1000", "1000.00",
                "db_live_tx_per_1000", "5.00",
                "total_s", "480"));

        String table = new Report(results).table("2 cores, test JVM");

        assertThat(table).contains("## ./ratings bench --quick (");
        assertThat(table).contains("| 2 | stream processor, records/s (");
        assertThat(table)
                .contains("| 30000 (all consumed  s after launch) | kafka-consumer-perf-test 100000 | 30 % | ≥ 30 % |");
        assertThat(table).contains("200× fewer; ∞ (none) fewer");
        assertThat(table).contains("not run (BENCH_DECAY_V2=1)");
        assertThat(table).contains("Whole run: 480 s.");
        assertThat(table.lines().filter(line -> line.startsWith("| ")).count()).isEqualTo(17);
    }
}
