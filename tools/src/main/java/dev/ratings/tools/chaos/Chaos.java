package dev.ratings.tools.chaos;

import dev.ratings.tools.Args;
import dev.ratings.tools.Say;
import dev.ratings.tools.Services;
import dev.ratings.tools.ToolException;
import dev.ratings.tools.token.TokenTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code chaos [--quick] [--write] [--up-args "..."]}: the fault suite against the stack {@code
 * ./ratings up} runs (RELIABILITY.md). Prints the table; a full run also writes it into
 * RELIABILITY.md, a quick one only with {@code --write}. Exit status 1 when the proof fails.
 */
public final class Chaos {

    static final String USAGE = "usage: ./ratings chaos [--quick] [--write] [--up-args \"--brokers 3 --replicas 2\"]"
            + " [--only stream-processor,sink,...]";

    private Chaos() {}

    public static void run(String[] arguments) throws Exception {
        Args args = Args.parse(arguments, Set.of("quick", "write")).only(Set.of("up-args", "only"));
        if (!args.positional().isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        Map<String, String> env = System.getenv();
        Services services = Services.from(env);
        if (!services.loopback()) {
            throw new ToolException("the fault suite runs against this machine only, not " + services.host());
        }
        Path script = Path.of(required(env, "RATINGS_SCRIPT"));
        Database database = new Database(
                required(env, "SPRING_DATASOURCE_URL"),
                required(env, "SPRING_DATASOURCE_USERNAME"),
                env.get("SPRING_DATASOURCE_PASSWORD"));
        Database.Windowing windowing = database.windowing();
        boolean quick = args.flag("quick");
        ChaosRun.Settings settings = quick ? ChaosRun.Settings.quick() : ChaosRun.Settings.full();
        List<String> upArguments = Arrays.stream(args.text("up-args", "").split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
        String adminToken = TokenTool.mint(true, "2h", List.of("ratings-chaos")).get(0);
        // a subset, e.g. when one kind's restart is too slow on a busy machine to measure the others
        Set<String> kinds = Set.copyOf(Arrays.asList(
                args.text("only", String.join(",", LocalFaults.KINDS)).split(",")));
        if (!LocalFaults.KINDS.containsAll(kinds)) {
            throw new IllegalArgumentException("--only takes some of " + LocalFaults.KINDS + "; " + USAGE);
        }
        boolean partial = kinds.size() < LocalFaults.KINDS.size();
        String bootstrap = required(env, "RATINGS_KAFKA_BOOTSTRAP");
        List<Fault> faults =
                new LocalFaults(script, upArguments, windowing).all(services, adminToken, kinds, bootstrap);
        Say.say("Fault suite" + (quick ? " (quick)" : "") + ": " + faults.size() + " faults under "
                + settings.ratePerSecond() + " ratings/s; windows " + windowing.window() + ", grace "
                + windowing.grace() + "; restarts through ./ratings up (log .ratings/logs/chaos.log)");
        ChaosRun.Target target =
                new ChaosRun.Target(services.ingestApi(), bootstrap, database, required(env, "RATINGS_AUTH_JWTSECRET"));
        ChaosRun.Result result = new ChaosRun(target, settings, windowing).run(faults);

        String command = "./ratings chaos" + (quick ? " --quick" : "")
                + (upArguments.isEmpty() ? "" : " --up-args \"" + String.join(" ", upArguments) + "\"")
                + (partial
                        ? " --only "
                                + String.join(
                                        ",",
                                        LocalFaults.KINDS.stream()
                                                .filter(kinds::contains)
                                                .toList())
                        : "");
        String section = section(command, result, windowing, settings);
        System.out.println();
        System.out.println(section);
        // the table of RELIABILITY.md is the whole suite's
        if (!partial && (!quick || args.flag("write"))) {
            Path file = script.getParent().resolve("RELIABILITY.md");
            Files.writeString(file, ReliabilityFile.withTable(Files.readString(file), section));
            Say.say("Wrote the table into " + file);
        }
        if (!result.verdict().passed()) {
            throw new ToolException(
                    "the proof failed: " + result.verdict().problems().size() + " problems (above)");
        }
    }

    static String section(
            String command, ChaosRun.Result result, Database.Windowing windowing, ChaosRun.Settings settings) {
        Verdict verdict = result.verdict();
        StringBuilder text = new StringBuilder();
        text.append("`")
                .append(command)
                .append("`, ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(": windows of ")
                .append(windowing.window().toSeconds())
                .append(" s, grace ")
                .append(windowing.grace().toSeconds())
                .append(" s, ")
                .append(settings.ratePerSecond())
                .append(" ratings/s offered.\n\n")
                .append(ChaosTable.render(verdict.rows()))
                .append('\n');
        if (verdict.passed()) {
            text.append("Proof: every 202 is in the ratings log once and counted once in PostgreSQL's current "
                    + "generation; no window twice on post-rating-windows; no status beyond the documented ones.\n");
        } else {
            text.append("**Proof failed:**\n");
            verdict.problems()
                    .forEach(problem -> text.append("- ").append(problem).append('\n'));
        }
        if (!verdict.notes().isEmpty()) {
            text.append("\nNotes:\n");
            verdict.notes().forEach(note -> text.append("- ").append(note).append('\n'));
        }
        if (!verdict.missedTargets().isEmpty()) {
            text.append("\nTargets missed:\n");
            verdict.missedTargets()
                    .forEach(miss -> text.append("- ").append(miss).append('\n'));
        }
        return text.toString();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new ToolException(name + " is not set: run it as ./ratings chaos");
        }
        return value;
    }
}
