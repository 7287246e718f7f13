package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import dev.ratings.tools.ToolException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arithmetic of {@code bench/bench.sh}: each tool reads what a measuring process left (wrk's
 * result line, the consumer timer's, pgbench's and JMH's outputs, /proc), writes its figures to the
 * run's {@link Results} and prints one summary line; the script only starts and stops processes.
 */
final class Measures {

    private static final List<String> CPU_PARTS =
            List.of("ingest-api", "naive-api", "kafka", "stream-processor", "sink");
    private static final List<String> VARIANTS = List.of("real", "naive", "noop");

    private Measures() {}

    /** {@code key=value} from a line of such pairs, "" when absent. */
    static String kv(String key, String line) {
        Matcher matcher =
                Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(\\S*)").matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static long longOf(String key, String line) {
        String value = kv(key, line);
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    /** {@code cpu-ticks --pids <dir>}: a snapshot of the bench's processes, Redis, PostgreSQL and the machine. */
    static void cpuTicks(Args args) throws IOException {
        Map<String, Long> parts = new LinkedHashMap<>();
        Path pids = Path.of(args.text("pids"));
        for (String name : CPU_PARTS) {
            pid(pids.resolve("bench-" + name + ".pid"))
                    .ifPresent(pid -> CpuTicks.ofProcess(pid).ifPresent(ticks -> parts.put(name, ticks)));
        }
        parts.put("redis", CpuTicks.ofCommand("redis-server"));
        parts.put("postgres", CpuTicks.ofCommand("postgres"));
        parts.put("machine", CpuTicks.machine());
        System.out.println(CpuTicks.line(parts));
    }

    /** {@code cpu-sampler --pids <dir>}: every 0.5 s, "<ms> <process>=<ticks> ... machine=<ticks>", until killed. */
    static void cpuSampler(Args args) throws IOException, InterruptedException {
        Path pids = Path.of(args.text("pids"));
        while (true) {
            Map<String, Long> parts = new LinkedHashMap<>();
            try (var files = Files.newDirectoryStream(pids, "bench-*.pid")) {
                for (Path file : files) {
                    String name = file.getFileName().toString().replaceAll("^bench-|\\.pid$", "");
                    pid(file).ifPresent(pid -> CpuTicks.ofProcess(pid).ifPresent(ticks -> parts.put(name, ticks)));
                }
            }
            parts.put("machine", CpuTicks.machine());
            System.out.println(System.currentTimeMillis() + " " + CpuTicks.line(parts));
            System.out.flush();
            Thread.sleep(500);
        }
    }

    private static java.util.Optional<Long> pid(Path file) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code wrk --results F --label L --log wrk.log --cpu-before B --cpu-after A}: wrk's result line
     * (bench/wrk/ratings.lua) as 202/s, requests/s, latencies in ms, statuses, errors, CPU per request.
     */
    static void wrk(Args args, int cores) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String label = args.text("label");
        String line = lastLine(Path.of(args.text("log")), "BENCH ");
        if (line == null) {
            throw new ToolException("wrk printed no result (" + args.text("log") + ")");
        }
        double seconds = longOf("duration_us", line) / 1e6;
        long requests = longOf("requests", line);
        long ok = longOf("ok", line);
        String okPerS = results.put(label + "_ok_per_s", f("%.0f", ok / seconds));
        String reqPerS = results.put(label + "_req_per_s", f("%.0f", requests / seconds));
        results.put(label + "_ok", Long.toString(ok));
        String cpu = results.put(
                label + "_cpu_ms",
                CpuTicks.perRequest(args.text("cpu-before"), args.text("cpu-after"), requests, seconds, cores));
        String p50 = results.put(label + "_p50_ms", f("%.1f", longOf("p50_us", line) / 1000.0));
        String p99 = results.put(label + "_p99_ms", f("%.1f", longOf("p99_us", line) / 1000.0));
        String statuses = results.put(label + "_statuses", kv("statuses", line));
        results.put(
                label + "_errors",
                Long.toString(longOf("errors_connect", line)
                        + longOf("errors_read", line)
                        + longOf("errors_write", line)
                        + longOf("errors_timeout", line)));
        System.out.println(f(
                "    %-24s %6s req/s, %6s 202/s, p50 %s ms, p99 %s ms, statuses %s",
                label, reqPerS, okPerS, p50, p99, statuses));
        System.out.println(f("    %-24s CPU ms per request: %s", "", cpu));
    }

    /**
     * {@code max-rounds --results F --rounds N}: each variant's maximum (the median of its rounds), the
     * ratios taken round by round and their median (the machine's speed drifts more between rounds
     * than within one), and the paced runs' targets, 70 % of each maximum, and the live run's, 50 %.
     */
    static void maxRounds(Args args) {
        Results results = Results.in(Path.of(args.text("results")));
        int rounds = Math.toIntExact(args.number("rounds"));
        for (String variant : VARIANTS) {
            List<Double> rates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                rates.add(results.number("max_" + variant + "_r" + round + "_ok_per_s"));
            }
            double max = Figures.median(rates);
            results.put("max_" + variant, Figures.plain(max));
            results.put("paced_" + variant + "_target", Long.toString((long) (max * 0.7)));
        }
        results.put("live_target", Long.toString((long) (results.number("max_real") * 0.5)));
        List<String> vsNaive = new ArrayList<>();
        List<String> vsNoop = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double real = results.number("max_real_r" + round + "_ok_per_s");
            vsNaive.add(Figures.ratio(real, results.number("max_naive_r" + round + "_ok_per_s")));
            vsNoop.add(Figures.ratio(real, results.number("max_noop_r" + round + "_ok_per_s")));
        }
        results.put("max_real_vs_naive", Figures.fixed(Figures.median(numbers(vsNaive)), 2));
        results.put("max_real_vs_noop", Figures.fixed(100 * Figures.median(numbers(vsNoop)), 0) + " %");
        results.put("max_rounds_real_vs_naive", String.join(" ", vsNaive));
        results.put("max_rounds_real_vs_noop", String.join(" ", vsNoop));
        System.out.println(f(
                "    maxima: real %s, naive %s, no-op %s; real/naive %s, real/no-op %s",
                results.get("max_real"),
                results.get("max_naive"),
                results.get("max_noop"),
                results.get("max_real_vs_naive"),
                results.get("max_real_vs_noop")));
    }

    private static List<Double> numbers(List<String> texts) {
        return texts.stream()
                .map(text -> text.equals("n/a") ? Double.NaN : Double.parseDouble(text))
                .toList();
    }

    /**
     * {@code db-cost --results F --label L --before "tx rows" --after "tx rows" --ratings N [--rate-of K
     * --rows-per-s K2]}: PostgreSQL transactions and rows per 1,000 ratings between two readings of
     * the counters, and optionally the rows/s that makes at the rate of figure K.
     */
    static void dbCost(Args args) {
        Results results = Results.in(Path.of(args.text("results")));
        String label = args.text("label");
        String[] before = args.text("before").trim().split("\\s+");
        String[] after = args.text("after").trim().split("\\s+");
        // one transaction is the counters' own query
        long tx = Long.parseLong(after[0]) - Long.parseLong(before[0]) - 1;
        long rows = Long.parseLong(after[1]) - Long.parseLong(before[1]);
        double ratings = Double.parseDouble(args.text("ratings"));
        results.put(label + "_tx", Long.toString(tx));
        results.put(label + "_rows", Long.toString(rows));
        results.put(label + "_tx_per_1000", f("%.2f", ratings > 0 ? tx * 1000 / ratings : 0));
        String perThousand = results.put(label + "_rows_per_1000", f("%.2f", ratings > 0 ? rows * 1000 / ratings : 0));
        if (!args.all("rate-of").isEmpty()) {
            // rows/s at the rate of another figure: results/s × rows per result
            results.put(
                    args.text("rows-per-s"),
                    f("%.0f", results.number(args.text("rate-of")) * Double.parseDouble(perThousand) / 1000));
        }
    }

    /**
     * {@code timed-consumer --results F --label L --log await.log --launched-ms M --samples cpu.log}:
     * from the consumer timer's line (AwaitConsumed) the records, the time to the first commit and to
     * the last, the steady rate once consuming, and the cores each process used meanwhile.
     */
    static void timedConsumer(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String label = args.text("label");
        String line = lastLine(Path.of(args.text("log")), "consumed=");
        if (line == null) {
            throw new ToolException(label + ": no result line in " + args.text("log"));
        }
        long launched = args.number("launched-ms");
        long consumed = longOf("consumed", line);
        long firstMs = longOf("first_ms", line);
        long firstConsumed = longOf("first_consumed", line);
        long doneMs = longOf("done_ms", line);
        results.put(
                label + "_cores",
                CpuTicks.coresUsed(Files.readAllLines(Path.of(args.text("samples"))), firstMs, doneMs));
        results.put(label + "_records", Long.toString(consumed));
        results.put(label + "_new_records", Long.toString(consumed - longOf("initial", line)));
        String wall = results.put(label + "_wall_s", f("%.1f", (doneMs - launched) / 1000.0));
        String startup = results.put(label + "_startup_s", f("%.1f", (firstMs - launched) / 1000.0));
        String perS = results.put(
                label + "_per_s",
                f("%.0f", doneMs > firstMs ? (consumed - firstConsumed) * 1000.0 / (doneMs - firstMs) : 0));
        System.out.println(f(
                "    %s: %d records, %s/s once consuming (first commit %s s after launch, all %s s after launch)",
                label, consumed, perS, startup, wall));
    }

    /**
     * {@code replay --results F --log replay.log --samples cpu.log --ratings N}: from the replay
     * timer's line ({@link ReplayTimer}) the seconds from the request until the sink promoted the new
     * generation, the ratings replayed per second of that, the seconds until the stream processor had
     * caught up, the rows the sink wrote for it, and the cores each process used meanwhile.
     */
    static void replay(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String line = lastLine(Path.of(args.text("log")), "replayed ");
        if (line == null) {
            throw new ToolException("replay: no result line in " + args.text("log"));
        }
        long requested = longOf("requested_ms", line);
        long promoted = longOf("promoted_ms", line);
        long ratings = args.number("ratings");
        String seconds = results.put("replay_s", f("%.1f", (promoted - requested) / 1000.0));
        String catchUp =
                results.put("replay_catch_up_s", f("%.1f", (longOf("caught_up_ms", line) - requested) / 1000.0));
        String perS = results.put(
                "replay_per_s", f("%.0f", promoted > requested ? ratings * 1000.0 / (promoted - requested) : 0));
        results.put("replay_ratings", Long.toString(ratings));
        results.put("replay_generation", kv("generation", line));
        results.put("replay_rating_events", kv("rating_events", line));
        long windows = longOf("window_rows", line);
        long posts = longOf("post_rows", line);
        results.put("replay_window_rows", Long.toString(windows));
        results.put("replay_post_rows", Long.toString(posts));
        String rows = results.put("replay_rows", Long.toString(windows + posts));
        String cores = results.put(
                "replay_cores",
                CpuTicks.coresUsed(Files.readAllLines(Path.of(args.text("samples"))), requested, promoted));
        System.out.println(f(
                "    replay: %d ratings in %s s = %s ratings/s (caught up after %s s); %s rows written; cores: %s",
                ratings, seconds, perS, catchUp, rows, cores));
    }

    /** {@code rss --results F --label L --pid P}: peak resident memory (VmHWM) in MiB. */
    static void peakRss(Args args) throws IOException {
        Path status = Path.of("/proc", Long.toString(args.number("pid")), "status");
        if (!Files.exists(status)) {
            return;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                Results.in(Path.of(args.text("results"))).put(args.text("label"), Long.toString(kib / 1024));
            }
        }
    }

    /**
     * {@code pgbench --results F --log pgbench.log [--key pgbench] [--rows-per-transaction 1000]}: its
     * transactions/s and the rows they wrote, as {@code <key>_tps} and {@code <key>_rows_per_s}.
     */
    static void pgbench(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String key = args.text("key", "pgbench");
        long rowsPerTransaction = args.number("rows-per-transaction", 1000);
        String line = lastLine(Path.of(args.text("log")), "tps = ");
        if (line == null) {
            throw new ToolException("pgbench printed no tps: " + args.text("log"));
        }
        String tpsText = results.put(key + "_tps", line.replaceAll("^tps = ([0-9.]+).*$", "$1"));
        String rows = results.put(key + "_rows_per_s", f("%.0f", Double.parseDouble(tpsText) * rowsPerTransaction));
        System.out.println("    " + key + ": " + tpsText + " transactions/s × " + rowsPerTransaction + " rows = " + rows
                + " rows/s (1 client, like the sink's one writer)");
    }

    /**
     * {@code consumer-perf --results F --log consumer-perf.log}: ConsumerPerformance's last data line,
     * "start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms,
     * fetch.MB.sec, fetch.nMsg.sec".
     */
    static void consumerPerf(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String line = null;
        for (String candidate : Files.readAllLines(Path.of(args.text("log")))) {
            if (candidate.matches("^[0-9]{4}-.*")) {
                line = candidate;
            }
        }
        if (line == null) {
            throw new ToolException("no result line in " + args.text("log"));
        }
        String[] fields = line.split(",\\s*");
        results.put("perf_msgs", fields[4]);
        String fetching = results.put("perf_msg_per_s", f("%.0f", Double.parseDouble(fields[9])));
        String withJoin = results.put("perf_msg_per_s_with_join", f("%.0f", Double.parseDouble(fields[5])));
        System.out.println(
                "    consumer perf: " + fetching + " records/s fetching (" + withJoin + "/s with the group join)");
    }

    /**
     * {@code jmh --results F --csv jmh.csv}: "Benchmark","Mode","Threads","Samples","Score","Score
     * Error (99.9%)","Unit","Param: raters" as {@code jmh_<method>[_<raters>]=<score> ± <error>}.
     */
    static void jmh(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        List<String> lines = Files.readAllLines(Path.of(args.text("csv")));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.replace("\"", "").replace("\r", "").split(",", -1);
            String name = fields[0].substring(fields[0].lastIndexOf('.') + 1);
            if (fields.length > 7 && !fields[7].isEmpty()) {
                name += "_" + fields[7];
            }
            String score =
                    results.put("jmh_" + name, f("%.1f ± %.1f", Double.parseDouble(fields[4]), parseOrNaN(fields[5])));
            System.out.println(f("    %-28s %s ns/op", name, score));
        }
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code windows-closed --url <prometheus>}: the stream processor's ratings_windows_closed_total, summed. */
    static void windowsClosed(Args args) throws InterruptedException {
        long closed = 0;
        try {
            String body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(args.text("url")))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            closed = windowsClosed(body);
        } catch (IOException e) {
            // not answering: none closed as far as the bench can tell
        }
        System.out.println(closed);
    }

    static long windowsClosed(String prometheus) {
        return (long) prometheus
                .lines()
                .filter(line -> line.startsWith("ratings_windows_closed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String lastLine(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String found = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(prefix)) {
                found = line;
            }
        }
        return found;
    }
}
