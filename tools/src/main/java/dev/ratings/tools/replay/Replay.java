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

    Replay(Http stream, Http sink, Duration timeout) {
        this.stream = stream;
        this.sink = sink;
        this.timeout = timeout;
    }

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
        // for as long as the replay may take (the services cap it at their maximum lifetime)
        String token = TokenTool.mint(true, (timeout.toSeconds() + 300) + "s", List.of("ratings-replay"))
                .get(0);
        Services services = Services.from(env);
        Replay replay =
                new Replay(new Http(services.streamProcessor(), token), new Http(services.sink(), token), timeout);
        long generation = replay.start(request);
        if (!args.flag("no-follow")) {
            replay.follow(generation);
        }
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
    void follow(long generation) throws InterruptedException {
        long started = System.nanoTime();
        ReplayProgress progress = new ReplayProgress();
        while (true) {
            JsonNode status = stream.get("admin/replays/" + generation).json();
            progress.next(status).ifPresent(line -> Say.say("  " + line + " (" + Say.since(started) + " s)"));
            String state = status.path("state").asString("");
            if (state.equals("CURRENT")) {
                break;
            }
            if (state.equals("RETIRED")) {
                throw new ToolException("generation " + generation
                        + " was retired before it became current (abandoned: see ./ratings logs stream-processor)");
            }
            pause(started);
        }
        JsonNode report;
        while (true) {
            report = sink.get("admin/generations").json();
            if (report.path("current").asLong(-1) == generation) {
                break;
            }
            pause(started);
        }
        for (JsonNode entry : report.path("generations")) {
            if (entry.path("generation").asLong() == generation) {
                Say.say("Generation " + generation + " is current: "
                        + entry.path("ratingEvents").asLong()
                        + " rating events, "
                        + entry.path("rows").path("post_rating_windows").asLong()
                        + " windows of "
                        + entry.path("rows").path("post_scores").asLong() + " posts, in "
                        + Say.since(started) + " s");
            }
        }
    }

    private void pause(long started) throws InterruptedException {
        if (Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) > 0) {
            throw new ToolException("the replay did not finish in " + timeout.toSeconds()
                    + " s; see ./ratings logs stream-processor and sink");
        }
        Thread.sleep(POLL.toMillis());
    }
}
