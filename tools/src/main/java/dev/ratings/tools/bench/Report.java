package dev.ratings.tools.bench;

import static dev.ratings.tools.bench.Figures.factor;
import static dev.ratings.tools.bench.Figures.pct;
import static dev.ratings.tools.bench.Figures.ratio;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's one table (BENCHMARKS.md shows one), from a run's {@link Results}: the settings the
 * script recorded first ({@code mode}, {@code posts}, {@code max_s} ...) and every figure measured.
 * A figure not measured shows as an empty cell or "n/a", never as a zero.
 */
final class Report {

    /** The phases whose machine load the script notes, in the order they run. */
    private static final List<String> PHASES =
            List.of("ingest", "freshness", "stream", "sink", "decay_v2", "replay", "jmh");

    private final Results r;

    Report(Results results) {
        this.r = results;
    }

    private String v(String key) {
        return r.get(key);
    }

    /** How long each variant was warmed up, and how busy its JIT still was at the end. */
    private String warmUps() {
        return "warm-up until the JIT settled, and its share of the JVM's CPU at the end: real " + warmUp("real")
                + "; naive " + warmUp("naive") + "; no-op " + warmUp("noop");
    }

    /** "31 s, JIT 28 %". */
    private String warmUp(String variant) {
        return v("warmup_" + variant + "_s", "?") + " s, JIT " + v("warmup_" + variant + "_jit_pct", "?") + " %";
    }

    private String v(String key, String fallback) {
        return r.getOr(key, fallback);
    }

    private double n(String key) {
        return r.number(key);
    }

    String table(String machine) {
        String rounds = v("max_rounds");
        String live = v("live_window");
        List<String> rows = new ArrayList<>();
        rows.add(row(
                "1",
                disturbed(
                        "ingest max rate, 202/s, uniform over " + v("posts") + " posts (wrk " + v("wrk_threads") + "t/"
                                + v("wrk_connections") + "c, " + v("max_s") + " s × " + rounds
                                + "; " + warmUps() + ")",
                        "ingest"),
                "real " + v("max_real"),
                "naive " + v("max_naive") + "; no-op " + v("max_noop"),
                "real/naive " + v("max_real_vs_naive") + "; real/no-op " + v("max_real_vs_noop")
                        + " (medians of the rounds' ratios: " + v("max_rounds_real_vs_naive") + "; "
                        + v("max_rounds_real_vs_noop") + ")",
                "≥ 2; ≥ 50 %"));
        rows.add(row(
                "1",
                disturbed("ingest max rate, 202/s, 80 % on 5 hot posts", "ingest"),
                "real " + v("hot_real_ok_per_s"),
                "naive " + v("hot_naive_ok_per_s"),
                "real/naive " + ratio(n("hot_real_ok_per_s"), n("hot_naive_ok_per_s")) + "; real/no-op "
                        + pct(n("hot_real_ok_per_s"), n("max_noop")),
                "≥ 2; ≥ 50 %"));
        rows.add(row(
                "1",
                disturbed("CPU ms per request at max rate (last round), by process; cores busy", "ingest"),
                "real: " + v("max_real_r" + rounds + "_cpu_ms"),
                "naive: " + v("max_naive_r" + rounds + "_cpu_ms") + "; no-op: " + v("max_noop_r" + rounds + "_cpu_ms"),
                "",
                ""));
        rows.add(row(
                "1",
                disturbed("latency at 70 % of own max (achieved rate), p50 / p99 ms", "ingest"),
                paced("real"),
                paced("naive") + "; " + paced("noop"),
                "",
                "p99 ≤ 25 ms"));
        rows.add(row(
                "2",
                disturbed(
                        "stream processor, records/s (" + v("stream_events") + " events, exactly_once_v2, RocksDB)",
                        "stream"),
                v("stream_per_s") + " (all consumed " + v("stream_wall_s") + " s after launch)",
                "kafka-consumer-perf-test " + v("perf_msg_per_s"),
                pct(n("stream_per_s"), n("perf_msg_per_s")),
                "≥ 30 %"));
        rows.add(row(
                "2",
                disturbed(
                        "stream processor under decay-v2 (rater trust), records/s, the same events",
                        "stream",
                        "decay_v2"),
                v("stream_v2_per_s", "not run (BENCH_DECAY_V2=1)") + " (all consumed " + v("stream_v2_wall_s", "?")
                        + " s after launch; cores: " + v("stream_v2_cores", "?") + ")",
                "decay-v1 " + v("stream_per_s"),
                v("stream_v2_per_s").isEmpty() ? "n/a" : pct(n("stream_v2_per_s"), n("stream_per_s")),
                "≥ 70 %"));
        rows.add(row(
                "2",
                disturbed(
                        "the same topic through Kafka Streams alone, records/s (exactly_once_v2, the stream "
                                + "processor's commit interval and cache, 1 thread)",
                        "stream"),
                "stream processor " + v("stream_per_s") + " (cores: " + v("stream_cores") + ")",
                "pass-through to a topic " + v("ceiling_pass_through_per_s", "not run (quick)")
                        + "; one RocksDB store, one write per record " + v("ceiling_one_store_per_s") + " (cores: "
                        + v("ceiling_one_store_cores") + ")",
                pct(n("stream_per_s"), n("ceiling_pass_through_per_s")) + " of pass-through; "
                        + pct(n("stream_per_s"), n("ceiling_one_store_per_s")) + " of one store",
                "≥ 80 % of one store"));
        rows.add(row(
                "3",
                disturbed("sink, rows/s into PostgreSQL (" + v("sink_results") + " window results)", "sink"),
                v("sink_rows_per_s") + " rows/s = " + v("sink_per_s") + " results/s × " + v("sink_run_rows_per_1000")
                        + " rows per 1,000 (all written " + v("sink_wall_s") + " s after launch)",
                "pgbench ceiling " + v("pgbench_rows_per_s") + " rows/s (one table); the sink's two statements "
                        + v("pgbench_sink_rows_per_s", "not run") + " rows/s",
                pct(n("sink_rows_per_s"), n("pgbench_rows_per_s")) + " (results/s: "
                        + pct(n("sink_per_s"), n("pgbench_rows_per_s")) + "); "
                        + pct(n("sink_rows_per_s"), n("pgbench_sink_rows_per_s")) + " of the sink's statements",
                "≥ 60 %"));
        rows.add(row(
                "4",
                disturbed(
                        "freshness, window end → row, p50 / p99 / max s (W = " + live + ", grace 10 s, "
                                + v("live_ok_per_s") + " ratings/s for " + v("live_s") + " s)",
                        "freshness"),
                v("fresh_p50_s") + " / " + v("fresh_p99_s") + " / " + v("fresh_max_s") + " (" + v("fresh_rows")
                        + " rows, " + v("fresh_windows") + " windows)",
                "",
                "",
                "p99 ≤ 15 s"));
        rows.add(dbRow("transactions", "tx", "≥ 100×"));
        rows.add(dbRow("rows written", "rows", "≥ 20×"));
        rows.add(row(
                "6",
                "peak RSS (VmHWM), MiB",
                "ingest-api " + v("rss_mb_ingest_api") + ", stream-processor " + v("rss_mb_stream_live") + " (live) / "
                        + v("rss_mb_stream_processor") + " (backlog), sink " + v("rss_mb_sink") + ", Kafka "
                        + v("rss_mb_kafka"),
                "naive-api " + v("rss_mb_naive_api"),
                "",
                ""));
        rows.add(row(
                "7",
                disturbed("JMH, ns/op: decay-v1 per rating (raters 10 / 1000)", "jmh"),
                v("jmh_perRating_10") + " / " + v("jmh_perRating_1000"),
                "",
                "",
                ""));
        rows.add(row(
                "7",
                disturbed("JMH, ns/op: decay-v1 per window (10 / 1000 raters)", "jmh"),
                v("jmh_perWindow_10") + " / " + v("jmh_perWindow_1000"),
                "",
                "",
                ""));
        rows.add(row(
                "7",
                disturbed(
                        "JMH, ns/op: decay-v2 per rating / per window (raters 10 / 1000); trust of a rating from a history",
                        "jmh"),
                v("jmh_perRatingDecayV2_10", "?") + " / " + v("jmh_perRatingDecayV2_1000", "?") + "; "
                        + v("jmh_perWindowDecayV2_10", "?") + " / " + v("jmh_perWindowDecayV2_1000", "?") + "; "
                        + v("jmh_trustOfARating_10", "?"),
                "",
                "",
                ""));
        rows.add(row(
                "7",
                disturbed("JMH, ns/op: JSON read rating event / write, read window result", "jmh"),
                v("jmh_perRatingReadEvent") + " / " + v("jmh_perWindowWriteResult") + ", "
                        + v("jmh_perWindowReadResult"),
                "",
                "",
                ""));
        rows.add(row(
                "8",
                disturbed(
                        "recalculation: a replay of " + v("replay_ratings") + " ratings into a new generation, request"
                                + " → promoted by the sink, s",
                        "replay"),
                v("replay_s") + " s = " + v("replay_per_s") + " ratings/s (caught up after " + v("replay_catch_up_s")
                        + " s; " + v("replay_rows") + " rows written: " + v("replay_window_rows") + " windows, "
                        + v("replay_post_rows") + " scores; cores: " + v("replay_cores") + ")",
                "generation 1 on the same ratings, records/s: " + v("replay_g1_per_s"),
                pct(n("replay_per_s"), n("replay_g1_per_s")),
                "≤ 180 s for 10 M"));
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'"));
        return "\n## ./ratings bench --" + v("mode") + " (" + when + ", " + machine + ")\n\n"
                + "| # | measure | pipeline | baseline(s) side by side | ratio | target |\n"
                + "|---|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n\n"
                + "Whole run: " + v("total_s") + " s. Statuses (real max): " + v("max_real_r1_statuses") + "; naive: "
                + v("max_naive_r1_statuses") + "; no-op: " + v("max_noop_r1_statuses") + ".\n"
                + loadNotes();
    }

    /** A measure taken while other work kept the cores busy says so in its own cell. */
    private String disturbed(String measure, String... phases) {
        List<String> reasons = new ArrayList<>();
        for (String phase : phases) {
            if (!v("load_" + phase + "_disturbed").isEmpty()) {
                reasons.add(phase.replace('_', '-') + ": " + v("load_" + phase + "_disturbed"));
            }
        }
        return reasons.isEmpty() ? measure : measure + " — **disturbed** (" + String.join("; ", reasons) + ")";
    }

    /** The machine's load around each phase that ran ({@link MachineLoad} states the rule). */
    private String loadNotes() {
        List<String> notes = new ArrayList<>();
        for (String phase : PHASES) {
            if (!v("load_" + phase).isEmpty()) {
                String disturbance = v("load_" + phase + "_disturbed");
                notes.add("- " + phase.replace('_', '-') + ": " + v("load_" + phase) + " — "
                        + (disturbance.isEmpty() ? "quiet" : "**disturbed: " + disturbance + "**"));
            }
        }
        if (notes.isEmpty()) {
            return "";
        }
        return "\nMachine load per phase (threads runnable, from /proc/loadavg). A phase is disturbed when,"
                + " before it, more threads were runnable than there are cores, or when, during it, the mean"
                + " exceeded the cores plus the threads the phase keeps busy itself:\n\n"
                + String.join("\n", notes) + "\n";
    }

    private String paced(String variant) {
        String name = variant.equals("noop") ? "no-op" : variant;
        return name + " " + v("paced_" + variant + "_p50_ms") + " / " + v("paced_" + variant + "_p99_ms") + " ("
                + v("paced_" + variant + "_ok_per_s") + "/s of " + v("paced_" + variant + "_target") + ")";
    }

    private String dbRow(String what, String key, String target) {
        String live = v("live_window");
        return row(
                "5",
                "PostgreSQL " + what + " per 1,000 ratings",
                "live, W = " + live + ": " + v("db_live_" + key + "_per_1000") + "; W = 5 min: "
                        + v("db_w5m_" + key + "_per_1000"),
                "naive " + v("db_naive_" + key + "_per_1000"),
                factor(n("db_naive_" + key + "_per_1000"), n("db_live_" + key + "_per_1000")) + " fewer; "
                        + factor(n("db_naive_" + key + "_per_1000"), n("db_w5m_" + key + "_per_1000")) + " fewer",
                target);
    }

    private static String row(
            String number, String measure, String pipeline, String baseline, String ratio, String target) {
        return "| " + number + " | " + measure + " | " + pipeline + " | " + baseline + " | " + ratio + " | " + target
                + " |";
    }
}
