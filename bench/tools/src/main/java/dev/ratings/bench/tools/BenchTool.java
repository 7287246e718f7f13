package dev.ratings.bench.tools;

import java.util.Arrays;

/**
 * Entry point of the helpers that {@code ./ratings bench} runs with {@code java -cp}. Each prints
 * one {@code key=value} result line on stdout for the script to read; progress goes to stderr.
 */
public final class BenchTool {

    private BenchTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "tokens" -> Tokens.run(options);
            case "load-ratings" -> RatingLoader.run(options);
            case "load-windows" -> WindowLoader.run(options);
            case "await-consumed" -> AwaitConsumed.run(options);
            case "truncate-topic" -> TruncateTopic.run(options);
            case "streams-ceiling" -> StreamsCeiling.run(options);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println(
                "usage: BenchTool tokens|load-ratings|load-windows|await-consumed|truncate-topic|streams-ceiling --name value ...");
        System.exit(2);
    }
}
