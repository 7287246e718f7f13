package dev.ratings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.tools.Args;
import dev.ratings.tools.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuresTest {

    @TempDir
    Path dir;

    private Args args(String... words) {
        return Args.parse(words, Set.of());
    }

    private Results results() {
        return Results.in(dir.resolve("results.txt"));
    }

    @Test
    void wrkLineBecomesRatesLatenciesAndErrors() throws IOException {
        Path log = Files.writeString(
                dir.resolve("wrk.log"),
                "Running 20s test\nBENCH requests=10000 duration_us=2000000 ok=9000 p50_us=1500 p90_us=1 p99_us=12340 "
                        + "max_us=1 statuses=202:9000,429:1000 errors_connect=1 errors_read=2 errors_write=0 errors_timeout=3\n");

        Measures.wrk(
                args(
                        "--results",
                        dir.resolve("results.txt").toString(),
                        "--label",
                        "max_real_r1",
                        "--log",
                        log.toString(),
                        "--cpu-before",
                        "machine=0",
                        "--cpu-after",
                        "machine=100"),
                2);

        Results results = results();
        assertThat(results.get("max_real_r1_ok_per_s")).isEqualTo("4500");
        assertThat(results.get("max_real_r1_req_per_s")).isEqualTo("5000");
        assertThat(results.get("max_real_r1_p50_ms")).isEqualTo("1.5");
        assertThat(results.get("max_real_r1_p99_ms")).isEqualTo("12.3");
        assertThat(results.get("max_real_r1_statuses")).isEqualTo("202:9000,429:1000");
        assertThat(results.get("max_real_r1_errors")).isEqualTo("6");
    }

    @Test
    void pgbenchRowsAreItsTransactionsTimesTheRowsOfOneUnderItsOwnKey() throws IOException {
        Path log = Files.writeString(
                dir.resolve("pgbench.log"),
                "number of transactions actually processed: 512\n"
                        + "tps = 25.612345 (without initial connection time)\n");

        Measures.pgbench(args(
                "--results",
                dir.resolve("results.txt").toString(),
                "--log",
                log.toString(),
                "--key",
                "pgbench_sink",
                "--rows-per-transaction",
                "2000"));
        Measures.pgbench(args("--results", dir.resolve("results.txt").toString(), "--log", log.toString()));

        Results results = results();
        assertThat(results.get("pgbench_sink_tps")).isEqualTo("25.612345");
        assertThat(results.get("pgbench_sink_rows_per_s")).isEqualTo("51225");
        assertThat(results.get("pgbench_rows_per_s")).isEqualTo("25612");
    }

    @Test
    void maxRoundsTakesMediansOfRatesAndOfRoundRatios() throws IOException {
        Files.writeString(
                dir.resolve("results.txt"),
                String.join(
                        "\n",
                        "max_real_r1_ok_per_s=6000",
                        "max_naive_r1_ok_per_s=2000",
                        "max_noop_r1_ok_per_s=8000",
                        "max_real_r2_ok_per_s=5000",
                        "max_naive_r2_ok_per_s=2500",
                        "max_noop_r2_ok_per_s=10000",
                        "max_real_r3_ok_per_s=7000",
                        "max_naive_r3_ok_per_s=2000",
                        "max_noop_r3_ok_per_s=7000",
                        ""));

        Measures.maxRounds(args("--results", dir.resolve("results.txt").toString(), "--rounds", "3"));

        Results results = results();
        assertThat(results.get("max_real")).isEqualTo("6000");
        assertThat(results.get("max_rounds_real_vs_naive")).isEqualTo("3.00 2.00 3.50");
        assertThat(results.get("max_real_vs_naive")).isEqualTo("3.00");
        assertThat(results.get("max_real_vs_noop")).isEqualTo("75 %");
        assertThat(results.get("paced_real_target")).isEqualTo("4200");
        assertThat(results.get("live_target")).isEqualTo("3000");
    }

    @Test
    void dbCostLeavesOutTheCountersOwnTransaction() {
        Measures.dbCost(args(
                "--results",
                dir.resolve("results.txt").toString(),
                "--label",
                "db_live",
                "--before",
                "100 5000",
                "--after",
                "111 5500",
                "--ratings",
                "2000"));

        assertThat(results().get("db_live_tx_per_1000")).isEqualTo("5.00");
        assertThat(results().get("db_live_rows_per_1000")).isEqualTo("250.00");
    }

    @Test
    void jmhCsvRowsBecomeScoresWithErrors() throws IOException {
        Path csv = Files.writeString(
                dir.resolve("jmh.csv"),
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: raters\"\r\n"
                        + "\"dev.ratings.bench.jmh.DecayV1Benchmark.perRating\",\"avgt\",1,5,41.234,1.05,\"ns/op\",10\r\n"
                        + "\"dev.ratings.bench.jmh.JsonBenchmark.perRatingReadEvent\",\"avgt\",1,5,300.0,NaN,\"ns/op\",\r\n");

        Measures.jmh(args("--results", dir.resolve("results.txt").toString(), "--csv", csv.toString()));

        assertThat(results().get("jmh_perRating_10")).isEqualTo("41.2 ± 1.1");
        assertThat(results().get("jmh_perRatingReadEvent")).isEqualTo("300.0 ± NaN");
    }

    @Test
    void windowsClosedSumsEveryLabelledCounter() {
        String prometheus = "# TYPE ratings_windows_closed_total counter\n"
                + "ratings_windows_closed_total{partition=\"0\"} 12.0\n"
                + "ratings_windows_closed_total{partition=\"1\"} 30.0\n"
                + "other_total 5.0\n";

        assertThat(Measures.windowsClosed(prometheus)).isEqualTo(42);
    }

    @Test
    void kvFindsWholeKeysOnly() {
        assertThat(Measures.kv("ok", "requests=5 not_ok=3 ok=2")).isEqualTo("2");
        assertThat(Measures.kv("missing", "ok=2")).isEmpty();
    }

    @Test
    void replayLineBecomesSecondsFromRequestToPromotionRatePerSecondRowsAndCores() throws IOException {
        Path log = Files.writeString(
                dir.resolve("replay.log"),
                "==> Replaying the ratings history into generation 2\n"
                        + "replayed requested_ms=100000 generation=2 caught_up_ms=140500 current_ms=141000"
                        + " promoted_ms=150000 rating_events=999000 window_rows=20000 post_rows=10000\n");
        Path samples = Files.writeString(
                dir.resolve("cpu.log"),
                String.join(
                        "\n",
                        "99000 stream-processor=0 machine=0",
                        "100000 stream-processor=100 sink=0 machine=150",
                        "150000 stream-processor=6100 sink=1000 machine=10150",
                        "151000 stream-processor=9100 sink=1100 machine=20150",
                        ""));

        Measures.replay(args(
                "--results",
                dir.resolve("results.txt").toString(),
                "--log",
                log.toString(),
                "--samples",
                samples.toString(),
                "--ratings",
                "1000000"));

        Results results = results();
        assertThat(results.get("replay_s")).isEqualTo("50.0");
        assertThat(results.get("replay_per_s")).isEqualTo("20000");
        assertThat(results.get("replay_catch_up_s")).isEqualTo("40.5");
        assertThat(results.get("replay_generation")).isEqualTo("2");
        assertThat(results.get("replay_rating_events")).isEqualTo("999000");
        assertThat(results.get("replay_rows")).isEqualTo("30000");
        // only the samples from the request to the promotion: 60 s of CPU and 10 of the sink's in 50 s
        assertThat(results.get("replay_cores")).isEqualTo("stream-processor 1.20, sink 0.20, other 0.60 (cores)");
    }

    @Test
    void aReplayLogWithoutItsResultLineIsAnError() throws IOException {
        Path log = Files.writeString(dir.resolve("replay.log"), "error: the stream processor refused the replay\n");

        assertThatThrownBy(() -> Measures.replay(args(
                        "--results",
                        dir.resolve("results.txt").toString(),
                        "--log",
                        log.toString(),
                        "--samples",
                        log.toString(),
                        "--ratings",
                        "1")))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("no result line");
    }
}
