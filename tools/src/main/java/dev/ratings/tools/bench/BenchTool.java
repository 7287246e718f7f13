package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code bench <tool> --name value ...}: the helpers that {@code bench/bench.sh} runs. The loaders and
 * timers print one {@code key=value} result line on stdout for the script to read; the {@link
 * Measures} write their figures to the run's {@link Results}; {@code table} prints the {@link Report}.
 */
public final class BenchTool {

    private BenchTool() {}

    public static void run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "bench needs a tool: tokens|load-ratings|load-windows|await-consumed|truncate-topic|streams-ceiling|"
                            + "cpu-ticks|cpu-sampler|wrk|max-rounds|db-cost|timed-consumer|rss|pgbench|consumer-perf|jmh|"
                            + "windows-closed|load|replay-timer|replay|table");
        }
        Args options = Args.parse(Arrays.copyOfRange(args, 1, args.length), Set.of());
        switch (args[0]) {
            case "tokens" -> Tokens.run(options);
            case "load-ratings" -> RatingLoader.run(options);
            case "load-windows" -> WindowLoader.run(options);
            case "await-consumed" -> AwaitConsumed.run(options);
            case "truncate-topic" -> TruncateTopic.run(options);
            case "streams-ceiling" -> StreamsCeiling.run(options);
            case "cpu-ticks" -> Measures.cpuTicks(options);
            case "cpu-sampler" -> Measures.cpuSampler(options);
            case "wrk" -> Measures.wrk(options, Runtime.getRuntime().availableProcessors());
            case "max-rounds" -> Measures.maxRounds(options);
            case "db-cost" -> Measures.dbCost(options);
            case "timed-consumer" -> Measures.timedConsumer(options);
            case "rss" -> Measures.peakRss(options);
            case "pgbench" -> Measures.pgbench(options);
            case "consumer-perf" -> Measures.consumerPerf(options);
            case "jmh" -> Measures.jmh(options);
            case "windows-closed" -> Measures.windowsClosed(options);
            case "load" -> MachineLoad.run(options);
            case "replay-timer" -> ReplayTimer.run(options);
            case "replay" -> Measures.replay(options);
            case "table" ->
                System.out.print(new Report(Results.in(java.nio.file.Path.of(options.text("results"))))
                        .table(Runtime.getRuntime().availableProcessors() + " cores, "
                                + System.getProperty("java.vm.name") + " " + Runtime.version()));
            default -> throw new IllegalArgumentException("unknown bench tool: " + args[0]);
        }
    }
}
