package dev.ratings.tools.chaos;

import dev.ratings.auth.TokenClaims;
import dev.ratings.auth.TokenMinter;
import dev.ratings.tools.Http;
import dev.ratings.tools.Say;
import dev.ratings.tools.ToolException;
import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One run: posts for every phase, steady load, a baseline phase, then each fault in turn (struck
 * {@code lead} into its phase, repaired, and given time until a window that ended after the repair
 * is in PostgreSQL), the load stopped, everything drained, and the proof. Used by {@code ./ratings
 * chaos} against the running stack and by the end-to-end test against its own processes.
 */
public final class ChaosRun {

    /** How hard and how long. */
    public record Settings(
            int ratePerSecond,
            int postsPerPhase,
            int users,
            Duration baseline,
            Duration lead,
            Duration settleMin,
            Duration settleMax) {

        /** A few minutes with 10-second windows. */
        public static Settings quick() {
            return new Settings(
                    200,
                    20,
                    4000,
                    Duration.ofSeconds(25),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60));
        }

        /** A minute or more per fault. */
        public static Settings full() {
            return new Settings(
                    250,
                    20,
                    4000,
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(20),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(120));
        }
    }

    /** Where the system answers. */
    public record Target(URI ingestApi, String bootstrap, Database database, String jwtSecret) {}

    /** The run's record and its proof. */
    public record Result(List<PhaseRecord> phases, Tally tally, Evidence evidence, Verdict verdict) {}

    static final String BASELINE = "none (baseline)";

    private final Target target;
    private final Settings settings;
    private final Database.Windowing windowing;

    public ChaosRun(Target target, Settings settings, Database.Windowing windowing) {
        this.target = target;
        this.settings = settings;
        this.windowing = windowing;
    }

    public Result run(List<Fault> faults) throws Exception {
        TopicEvidence topics = TopicEvidence.markStart(target.bootstrap());
        Map<String, String> tokens = tokens();
        List<String> users = List.copyOf(tokens.keySet());
        List<List<Long>> posts = new ArrayList<>();
        for (int phase = 0; phase <= faults.size(); phase++) {
            posts.add(createPosts(tokens, users, phase));
        }
        List<Long> allPosts = posts.stream().flatMap(List::stream).toList();
        Say.say("Created " + allPosts.size() + " posts; rating them at " + settings.ratePerSecond() + "/s from "
                + users.size() + " users, each (user, post) once");
        Tally tally = new Tally();
        List<PhaseRecord> phases = new ArrayList<>();
        try (WindowWatch watch = new WindowWatch(target.database(), allPosts);
                ChaosLoad load = new ChaosLoad(target.ingestApi(), tokens, tally, settings.ratePerSecond())) {
            long start = System.currentTimeMillis();
            load.phase(BASELINE, users, posts.get(0));
            Thread.sleep(settings.baseline().toMillis());
            phases.add(new PhaseRecord(BASELINE, posts.get(0), start, System.currentTimeMillis()));
            for (int i = 0; i < faults.size(); i++) {
                phases.add(strike(faults.get(i), load, watch, users, posts.get(i + 1)));
            }
            load.close();
            Say.say("Load stopped: " + tally.finals().size() + " ratings sent; draining");
            for (Fault fault : faults) {
                fault.finish();
            }
            Evidence evidence = drain(topics, watch, allPosts);
            List<ReplayComparison> replays = new ArrayList<>();
            for (Fault fault : faults) {
                fault.replayAgain(target.database(), allPosts).ifPresent(replays::add);
            }
            evidence = evidence.withReplays(replays);
            return new Result(phases, tally, evidence, Verdict.of(phases, tally, evidence, windowing.grace()));
        }
    }

    private PhaseRecord strike(Fault fault, ChaosLoad load, WindowWatch watch, List<String> users, List<Long> posts)
            throws Exception {
        load.phase(fault.name(), users, posts);
        Thread.sleep(settings.lead().toMillis());
        long faultAt = System.currentTimeMillis();
        Say.say(fault.name());
        fault.inject();
        fault.recover();
        long recovered = System.currentTimeMillis();
        Say.say("  recovered in " + Verdict.seconds(recovered - faultAt) + " s; waiting for fresh windows");
        long settleMax = recovered + settings.settleMax().toMillis();
        long settleMin = recovered + settings.settleMin().toMillis();
        while (System.currentTimeMillis() < settleMax
                && (System.currentTimeMillis() < settleMin || !watch.seenEndingAfter(recovered))) {
            Thread.sleep(500);
        }
        return new PhaseRecord(fault.name(), posts, faultAt, System.currentTimeMillis());
    }

    /**
     * Waits until every rating's window has closed and PostgreSQL's current generation counts as many
     * events as the log holds for the run's posts (or a deadline passes: then the proof says what is
     * missing), and gathers the evidence.
     */
    private Evidence drain(TopicEvidence topics, WindowWatch watch, List<Long> posts) throws Exception {
        Thread.sleep(windowing.window().plus(windowing.grace()).toMillis());
        Map<Pair, List<UUID>> records = topics.ratings(posts);
        Map<Pair, Integer> events = new HashMap<>();
        records.forEach((pair, ids) -> events.put(pair, Set.copyOf(ids).size()));
        long inLog = events.values().stream().mapToLong(Integer::longValue).sum();
        long republished = records.values().stream().mapToLong(List::size).sum() - inLog;
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(90).toMillis();
        Map<Long, Long> counted = target.database().counted(posts);
        while (sum(counted) != inLog && System.currentTimeMillis() < deadline) {
            Thread.sleep(2000);
            counted = target.database().counted(posts);
        }
        Say.say("The log holds " + inLog + " rating events of the run (and " + republished
                + " records a retry published again); PostgreSQL counts " + sum(counted));
        return new Evidence(
                events,
                republished,
                counted,
                topics.windows(posts),
                target.database().duplicateRows(posts),
                watch.seen(),
                List.of());
    }

    private static long sum(Map<Long, Long> counted) {
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, String> tokens() {
        TokenMinter minter = new TokenMinter(target.jwtSecret());
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        IntStream.rangeClosed(1, settings.users())
                .mapToObj(i -> String.format("chaos-u%05d", i))
                .forEach(user -> tokens.put(user, minter.mint(TokenClaims.of(user, now, Duration.ofHours(2)))));
        return tokens;
    }

    /** Each post by another user: one user may create only a few posts per second. */
    private List<Long> createPosts(Map<String, String> tokens, List<String> users, int phase)
            throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < settings.postsPerPhase(); i++) {
            String author = users.get((phase * settings.postsPerPhase() + i) % users.size());
            Http.Answer answer = new Http(target.ingestApi(), tokens.get(author))
                    .post(
                            "api/posts",
                            Map.of(
                                    "title",
                                    "chaos phase " + phase + " post " + i,
                                    "body",
                                    "written by ./ratings chaos"));
            if (answer.status() != 201 || !answer.json().path("id").isNumber()) {
                throw new ToolException("creating a post failed: HTTP " + answer.status() + " " + answer.body());
            }
            ids.add(answer.json().path("id").asLong());
        }
        return ids;
    }
}
