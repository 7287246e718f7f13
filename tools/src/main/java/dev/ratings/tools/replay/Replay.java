package dev.ratings.tools.replay;

import dev.ratings.tools.Args;
import dev.ratings.tools.Http;
import dev.ratings.tools.Say;
import dev.ratings.tools.Services;
import dev.ratings.tools.ToolException;
import dev.ratings.tools.token.TokenTool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code replay [--set ratings.<param>=<value> ...] [--no-follow]}: asks the stream processor to
 * recompute every score from the whole {@code ratings} topic into a new generation beside the live
 * one (the configured settings with the overrides on top), then follows it until the sink has
 * promoted it and PostgreSQL shows it current. The live pipeline keeps accepting and serving ratings
 * meanwhile; any stream processor instance answers, as requests and statuses go through Kafka.
 */
public final class Replay {

    static final String HELP = """
            usage: ./ratings replay [--set ratings.<param>=<value> ...] [--no-follow]
              settable: ratings.algorithm (decay-v1|decay-v2) ratings.window.size ratings.window.grace
                        ratings.decay.factor ratings.prior.mean ratings.prior.weight ratings.burst.factor
                        ratings.burst.floor ratings.baseline.smoothing ratings.trust.floor
                        ratings.trust.age-windows ratings.trust.posts ratings.probation.share ratings.probation.floor
              --no-follow: start it and print its number, without waiting for the switch""";

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Http stream;
    private final Http sink;
    private final Duration timeout;
    private final Duration poll;

    Replay(Http stream, Http sink, Duration timeout) {
        this(stream, sink, timeout, POLL);
    }

    Replay(Http stream, Http sink, Duration timeout, Duration poll) {
        this.stream = stream;
        this.sink = sink;
        this.timeout = timeout;
        this.poll = poll;
    }

    /**
     * A replay of these services, with a replay token minted from the environment's secret valid for
     * as long as it may take; polling every {@code poll} (the bench times it closer than a person needs).
     */
    public static Replay of(Services services, Duration timeout, Duration poll) {
        // for as long as the replay may take (the services cap it at their maximum lifetime)
        String token = TokenTool.mint(true, (timeout.toSeconds() + 300) + "s", List.of("ratings-replay"))
                .get(0);
        return new Replay(new Http(services.streamProcessor(), token), new Http(services.sink(), token), timeout, poll);
    }

    /**
     * What a followed replay came to. Instants are epoch milliseconds as this tool saw them (to a
     * poll): when the stream processor first reported it caught up, when current, when the sink showed it current.
     *
     * @param ratingEvents rating events counted in its closed windows (the sink's report)
     */
    public record Promoted(
            long generation,
            long caughtUpMs,
            long currentMs,
            long promotedMs,
            long ratingEvents,
            long windowRows,
            long postRows) {}

    public static void run(String[] arguments) throws InterruptedException {
        Args args = Args.parse(arguments, Set.of("follow", "no-follow", "help")).only(Set.of("set"));
        if (args.flag("help")) {
            System.out.println(HELP);
            return;
        }
        if (!args.positional().isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown argument: " + args.positional().get(0) + "\n" + HELP);
        }
        ReplayRequest request = ReplayRequest.of(args.all("set"));
        Map<String, String> env = System.getenv();
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("RATINGS_REPLAY_TIMEOUT", "1800")));
        Replay replay = of(Services.from(env), timeout, POLL);
        long generation = replay.start(request);
        if (!args.flag("no-follow")) {
            replay.follow(generation);
        }
    }

    /** Starts a replay with the configured settings; its generation number. */
    public long start() throws InterruptedException {
        return start(ReplayRequest.of(List.of()));
    }

    long start(ReplayRequest request) throws InterruptedException {
        Http.Answer answer = stream.post("admin/replays", Map.of("set", request.set()));
        if (answer.status() != 202) {
            throw new ToolException(
                    "the stream processor refused the replay (" + answer.status() + "): " + answer.body());
        }
        long generation = answer.json().path("generation").asLong();
        Say.say("Replaying the ratings history into generation " + generation + request.described());
        return generation;
    }

    /** Polls the stream processor until the generation is current, then the sink until PostgreSQL shows it. */
    public Promoted follow(long generation) throws InterruptedException {
        long started = System.nanoTime();
        ReplayProgress progress = new ReplayProgress();
        long caughtUpMs = 0;
        while (true) {
            JsonNode status = stream.get("admin/replays/" + generation).json();
            progress.next(status).ifPresent(line -> Say.say("  " + line + " (" + Say.since(started) + " s)"));
            String state = status.path("state").asString("");
            if (caughtUpMs == 0 && !status.path("phase").asString("CATCHING_UP").equals("CATCHING_UP")) {
                caughtUpMs = System.currentTimeMillis();
            }
            if (state.equals("CURRENT")) {
                break;
            }
            if (state.equals("RETIRED")) {
                throw new ToolException("generation " + generation
                        + " was retired before it became current (abandoned: see ./ratings logs stream-processor)");
            }
            pause(started);
        }
        long currentMs = System.currentTimeMillis();
        JsonNode report;
        while (true) {
            report = sink.get("admin/generations").json();
            if (report.path("current").asLong(-1) == generation) {
                break;
            }
            pause(started);
        }
        long promotedMs = System.currentTimeMillis();
        for (JsonNode entry : report.path("generations")) {
            if (entry.path("generation").asLong() == generation) {
                Promoted promoted = new Promoted(
                        generation,
                        caughtUpMs == 0 ? currentMs : caughtUpMs,
                        currentMs,
                        promotedMs,
                        entry.path("ratingEvents").asLong(),
                        entry.path("rows").path("post_rating_windows").asLong(),
                        entry.path("rows").path("post_scores").asLong());
                Say.say("Generation " + generation + " is current: " + promoted.ratingEvents() + " rating events, "
                        + promoted.windowRows() + " windows of " + promoted.postRows() + " posts, in "
                        + Say.since(started) + " s");
                return promoted;
            }
        }
        throw new ToolException("the sink shows generation " + generation + " current but does not list it");
    }

    private void pause(long started) throws InterruptedException {
        if (Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) > 0) {
            throw new ToolException("the replay did not finish in " + timeout.toSeconds()
                    + " s; see ./ratings logs stream-processor and sink");
        }
        Thread.sleep(poll.toMillis());
    }
}
