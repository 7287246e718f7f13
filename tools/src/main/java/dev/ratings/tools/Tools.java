package dev.ratings.tools;

import dev.ratings.tools.bench.BenchTool;
import dev.ratings.tools.cache.RebuildCache;
import dev.ratings.tools.chaos.Chaos;
import dev.ratings.tools.demo.Demo;
import dev.ratings.tools.kafka.KafkaReady;
import dev.ratings.tools.replay.Replay;
import dev.ratings.tools.token.TokenTool;
import java.util.Arrays;

/**
 * {@code java -jar tools.jar <command> [arguments]}: what {@code ./ratings} and {@code bench/bench.sh}
 * delegate to once a process is up. Exit status 0 on success, 1 when the work failed, 2 for a usage
 * error; results on stdout, progress and errors on stderr.
 */
public final class Tools {

    static final String USAGE = """
            usage: java -jar tools.jar <command> [arguments]
              token [--admin] <user> [ttl]      an HS256 JWT signed with RATINGS_AUTH_JWTSECRET
              demo [seconds] [--attack]         ratings from a few users to a few posts (loopback only)
              replay [--set ratings.<param>=<value> ...] [--no-follow]
                                                a new generation of scores, followed until promoted
              rebuild-cache                     refill Redis from the ratings topic, and wait for it
              kafka-ready [--bootstrap host:port,...] [--timeout-s n] [--pid p] [--nodes n]
                                                exit 0 once a broker answers
              chaos [--quick] [--write] [--up-args "..."]
                                                faults under load against ./ratings up, and the proof
              bench <tool> --name value ...     the benchmark's loaders, timers and report""";

    private Tools() {}

    public static void main(String[] args) {
        // Kafka clients log every refused connection: a tool says what went wrong itself.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("a command is needed\n" + USAGE);
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "token" -> TokenTool.run(rest);
                case "demo" -> Demo.run(rest);
                case "replay" -> Replay.run(rest);
                case "rebuild-cache" -> RebuildCache.run(rest);
                case "kafka-ready" -> {
                    return KafkaReady.run(rest);
                }
                case "chaos" -> Chaos.run(rest);
                case "bench" -> BenchTool.run(rest);
                case "help", "-h", "--help" -> System.out.println(USAGE);
                default -> throw new IllegalArgumentException("unknown command: " + args[0] + "\n" + USAGE);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (ToolException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            // a library's wrapper ("Failed to create new KafkaAdminClient") says little without its cause
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("error: " + e + (cause == e ? "" : " (cause: " + cause + ")"));
            return 1;
        }
    }
}
