package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import dev.ratings.tools.Services;
import dev.ratings.tools.replay.Replay;
import java.time.Duration;

/**
 * {@code replay-timer --host H --stream-port P --sink-port Q --timeout-s T}: requests a replay with
 * the configured settings (as {@code ./ratings replay} does, secret from the environment) and follows
 * it until the sink has promoted it. Prints {@code replayed requested_ms=... generation=...
 * caught_up_ms=... current_ms=... promoted_ms=... rating_events=... window_rows=... post_rows=...}
 * for {@link Measures#replay}.
 */
final class ReplayTimer {

    /** Closer than ./ratings replay's 1 s: on a run of a minute, a second is noticeable. */
    private static final Duration POLL = Duration.ofMillis(200);

    private ReplayTimer() {}

    static void run(Args options) throws InterruptedException {
        Services services = new Services(
                options.text("host"),
                Services.INGEST_API_PORT,
                Math.toIntExact(options.number("stream-port")),
                Math.toIntExact(options.number("sink-port")));
        Replay replay = Replay.of(services, Duration.ofSeconds(options.number("timeout-s")), POLL);
        long requestedMs = System.currentTimeMillis();
        Replay.Promoted promoted = replay.follow(replay.start());
        System.out.printf(
                "replayed requested_ms=%d generation=%d caught_up_ms=%d current_ms=%d promoted_ms=%d"
                        + " rating_events=%d window_rows=%d post_rows=%d%n",
                requestedMs,
                promoted.generation(),
                promoted.caughtUpMs(),
                promoted.currentMs(),
                promoted.promotedMs(),
                promoted.ratingEvents(),
                promoted.windowRows(),
                promoted.postRows());
    }
}
