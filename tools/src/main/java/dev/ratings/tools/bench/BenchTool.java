package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code bench <tool> --name value ...}: the helpers that {@code bench/bench.sh} runs. Each prints one
 * {@code key=value} result line on stdout for the script to read; progress goes to stderr.
 */
public final class BenchTool {

    private BenchTool() {}

    public static void run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "bench needs a tool: tokens|load-ratings|load-windows|await-consumed|truncate-topic|streams-ceiling");
        }
        Args options = Args.parse(Arrays.copyOfRange(args, 1, args.length), Set.of());
        switch (args[0]) {
            case "tokens" -> Tokens.run(options);
            case "load-ratings" -> RatingLoader.run(options);
            case "load-windows" -> WindowLoader.run(options);
            case "await-consumed" -> AwaitConsumed.run(options);
            case "truncate-topic" -> TruncateTopic.run(options);
            case "streams-ceiling" -> StreamsCeiling.run(options);
            default -> throw new IllegalArgumentException("unknown bench tool: " + args[0]);
        }
    }
}
