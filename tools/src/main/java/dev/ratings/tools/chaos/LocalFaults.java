package dev.ratings.tools.chaos;

import dev.ratings.tools.Http;
import dev.ratings.tools.Say;
import dev.ratings.tools.Services;
import dev.ratings.tools.ToolException;
import dev.ratings.tools.replay.Replay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The faults against what {@code ./ratings up} runs: kill -9 of a process named by its pid file in
 * {@code .ratings/pids/}, restarts of PostgreSQL and Redis through {@code ./ratings chaos-restart},
 * a replay through the stream processor's admin API; repaired with {@code ./ratings up}, which
 * starts whatever is missing and returns once everything is healthy.
 */
final class LocalFaults {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);

    private final Path script;
    private final Path pids;
    private final Path log;
    private final List<String> upArguments;
    private final Database.Windowing windowing;

    /**
     * @param windowing the running generation's: {@code ./ratings up} restarts a service with the
     *     environment it is given, and one restarted without {@code RATINGS_WINDOW_SIZE} would run a
     *     replay with five-minute windows (a quick run did: the replay's windows had not closed when
     *     the proof was made)
     */
    LocalFaults(Path script, List<String> upArguments, Database.Windowing windowing) {
        this.windowing = windowing;
        this.script = script;
        Path state = script.getParent().resolve(".ratings");
        this.pids = state.resolve("pids");
        this.log = state.resolve("logs").resolve("chaos.log");
        this.upArguments = List.copyOf(upArguments);
    }

    /** The faults' names for {@code --only}, in the order of the table. */
    static final List<String> KINDS =
            List.of("ingest-api", "stream-processor", "sink", "kafka", "postgresql", "redis", "replay");

    /**
     * The faults of the kinds asked for ({@link #KINDS}), in the order of the table: each kind of
     * service, a broker, PostgreSQL, Redis, a replay.
     */
    List<Fault> all(Services services, String adminToken, Set<String> kinds, String bootstrap) throws IOException {
        List<String> names = pidNames();
        List<Fault> faults = new ArrayList<>();
        for (String kind : List.of("ingest-api", "stream-processor", "sink", "kafka")) {
            if (!kinds.contains(kind)) {
                continue;
            }
            long of = Instances.count(kind, names);
            // of several brokers, the controller: its loss is the slowest failover (a new one is elected first)
            Optional<String> controller =
                    kind.equals("kafka") && of > 1 ? ActiveController.name(bootstrap) : Optional.empty();
            String name = Instances.pick(kind, names, controller)
                    .orElseThrow(() -> new ToolException("no " + kind + " in " + pids + ": is ./ratings up running?"));
            String label = "kill -9 " + name
                    + (of > 1
                            ? " (one of " + of + (controller.equals(Optional.of(name)) ? ", the controller" : "") + ")"
                            : kind.equals("kafka") ? " (the only broker: an outage)" : "");
            faults.add(kill(label, name, kind.equals("kafka") ? "kafka.Kafka" : kind + ".jar"));
        }
        if (kinds.contains("postgresql")) {
            faults.add(scripted("restart PostgreSQL", "postgresql"));
        }
        if (kinds.contains("redis")) {
            faults.add(scripted("restart Redis (comes back empty)", "redis"));
        }
        if (kinds.contains("replay")) {
            faults.add(new ReplayFault(
                    () -> Replay.of(services, REPLAY_TIMEOUT, Duration.ofSeconds(1)),
                    new Http(services.sink(), adminToken)));
        }
        return faults;
    }

    private List<String> pidNames() throws IOException {
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".pid"))
                    .map(file -> file.substring(0, file.length() - ".pid".length()))
                    .toList();
        }
    }

    private Fault kill(String label, String name, String marker) {
        return repairedByUp(label, () -> {
            long pid =
                    Long.parseLong(Files.readString(pids.resolve(name + ".pid")).trim());
            String command =
                    Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.ISO_8859_1);
            if (!command.contains(marker)) {
                throw new ToolException("pid " + pid + " of " + name + " is not " + marker + " any more");
            }
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        });
    }

    private Fault scripted(String label, String dependency) {
        return repairedByUp(label, () -> script(List.of("chaos-restart", dependency)));
    }

    /** How a fault is struck. */
    @FunctionalInterface
    private interface Strike {
        void run() throws Exception;
    }

    /** A fault repaired as an operator would: {@code ./ratings up} starts whatever is missing. */
    private Fault repairedByUp(String label, Strike strike) {
        return new Fault() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public void inject() throws Exception {
                strike.run();
            }

            @Override
            public void recover() throws Exception {
                up();
            }
        };
    }

    private void up() throws Exception {
        List<String> command = new ArrayList<>(List.of("up"));
        command.addAll(upArguments);
        script(command);
    }

    private void script(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(arguments);
        Files.writeString(
                log,
                "\n$ ./ratings " + String.join(" ", arguments) + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment()
                .putIfAbsent("RATINGS_WINDOW_SIZE", windowing.window().toString());
        builder.environment()
                .putIfAbsent("RATINGS_WINDOW_GRACE", windowing.grace().toString());
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new ToolException(
                    "./ratings " + String.join(" ", arguments) + " did not finish in " + UP_TIMEOUT + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new ToolException("./ratings " + String.join(" ", arguments) + " failed; see " + log);
        }
    }

    /**
     * A replay of the whole history under load, as {@code ./ratings replay} starts it; followed until
     * promoted. Afterwards it replays once more with the same request (the configured parameters)
     * and compares the two generations' windows.
     */
    private static final class ReplayFault implements Fault {

        /** A replay with a token minted when it starts: one minted with the suite would expire first. */
        private final Supplier<Replay> replays;

        private final Http sink;
        private long generation = -1;

        ReplayFault(Supplier<Replay> replays, Http sink) {
            this.replays = replays;
            this.sink = sink;
        }

        @Override
        public String name() {
            return "replay (POST /admin/replays)";
        }

        @Override
        public void inject() throws InterruptedException {
            generation = replays.get().start(); // the configured parameters, as ./ratings replay asks
        }

        @Override
        public void recover() {}

        @Override
        public void finish() throws InterruptedException {
            long started = System.nanoTime();
            awaitCurrent(generation, started);
            Say.say("  generation " + generation + " is current (" + Say.since(started) + " s after the load stopped)");
        }

        /** The first generation's rows are read before the second replay retires (and deletes) them. */
        @Override
        public Optional<ReplayComparison> replayAgain(Database database, List<Long> posts) throws Exception {
            Map<ReplayComparison.Window, ReplayComparison.Result> first = database.windowResults(generation, posts);
            long started = System.nanoTime();
            long second = replays.get().start();
            Say.say("Replaying again with the same parameters as generation " + second + ", to compare its "
                    + first.size() + " windows with generation " + generation + "'s");
            awaitCurrent(second, started);
            // promoted once caught up; the sink may still be writing the last rows
            Map<ReplayComparison.Window, ReplayComparison.Result> again = database.windowResults(second, posts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!again.keySet().containsAll(first.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                again = database.windowResults(second, posts);
            }
            ReplayComparison comparison = ReplayComparison.of(generation, first, second, again);
            Say.say("  generation " + second + " is current (" + Say.since(started) + " s); "
                    + (comparison.identical() ? "every window the same" : comparison.differing() + " windows differ"));
            return Optional.of(comparison);
        }

        private void awaitCurrent(long awaited, long startedNanos) throws InterruptedException {
            while (sink.get("admin/generations").json().path("current").asLong(-1) != awaited) {
                if (System.nanoTime() - startedNanos > REPLAY_TIMEOUT.toNanos()) {
                    throw new ToolException("generation " + awaited + " was not current within "
                            + REPLAY_TIMEOUT.toSeconds() + " s; see ./ratings logs stream-processor and sink");
                }
                Thread.sleep(1000);
            }
        }
    }
}
