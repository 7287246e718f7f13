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
        assertThat(table).contains("the sink's two statements not run rows/s");
        assertThat(table.lines().filter(line -> line.startsWith("| ")).count()).isEqualTo(18);
    }

    @Test
    void theIngestRowShowsHowLongEachVariantWasWarmedUpAndHowBusyItsJitStillWas() {
        Results results = Results.of(Map.of(
                "warmup_real_s", "28",
                "warmup_real_jit_pct", "25",
                "warmup_naive_s", "12",
                "warmup_naive_jit_pct", "4"));

        String table = new Report(results).table("2 cores, test JVM");

        assertThat(table)
                .contains("its share of the JVM's CPU at the end: real 28 s, JIT 25 %; naive 12 s, JIT 4 %;"
                        + " no-op ? s, JIT ? %)");
        assertThat(table).contains("pass-through to a topic not run (quick)");
    }

    @Test
    void theRecalculationRowShowsItsTimeRateAndBaselineAndIsMarkedWhenDisturbed() {
        Results results = Results.of(Map.of(
                "replay_ratings", "1000000",
                "replay_s", "50.0",
                "replay_per_s", "20000",
                "replay_catch_up_s", "40.5",
                "replay_rows", "30000",
                "replay_g1_per_s", "25000",
                "load_replay", "before: 1.0 runnable",
                "load_replay_disturbed", "9.0 threads runnable on 2 cores before the phase"));

        String table = new Report(results).table("2 cores, test JVM");

        String row = table.lines()
                .filter(line -> line.startsWith("| 8 |"))
                .findFirst()
                .orElseThrow();
        assertThat(row)
                .contains("a replay of 1000000 ratings into a new generation")
                .contains("**disturbed** (replay: 9.0 threads runnable on 2 cores before the phase)")
                .contains("| 50.0 s = 20000 ratings/s (caught up after 40.5 s; 30000 rows written")
                .contains("| generation 1 on the same ratings, records/s: 25000 | 80 % | ≤ 180 s for 10 M |");
        assertThat(table).contains("- replay: before: 1.0 runnable — **disturbed: 9.0 threads");
    }
}
