package dev.ratings.tools.cache;

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
 * {@code rebuild-cache}: Redis only caches each user's latest rating (what {@code myRating} shows);
 * the ratings topic is the source of truth. This asks the ingest API to refill Redis from Kafka
 * ({@code POST /admin/cache-rebuilds}, whose Location follows the rebuild) and waits until it is done.
 */
public final class RebuildCache {

    private static final Duration POLL = Duration.ofSeconds(1);

    private RebuildCache() {}

    public static void run(String[] arguments) throws InterruptedException {
        Args args = Args.parse(arguments, Set.of()).only(Set.of());
        if (!args.positional().isEmpty()) {
            throw new IllegalArgumentException("usage: ./ratings rebuild-cache");
        }
        Map<String, String> env = System.getenv();
        Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("RATINGS_REBUILD_TIMEOUT", "900")));
        String token =
                TokenTool.mint(true, "1h", List.of("ratings-rebuild-cache")).get(0);
        rebuild(new Http(Services.from(env).ingestApi(), token), timeout);
    }

    static JsonNode rebuild(Http api, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        Http.Answer answer = api.post("admin/cache-rebuilds", Map.of());
        if (answer.status() != 202 || answer.location().isEmpty()) {
            throw new ToolException("the ingest API refused the rebuild (" + answer.status() + "): " + answer.body());
        }
        String location = answer.location().get();
        Say.say("Asked the ingest API to refill Redis from the ratings topic (rebuild "
                + location.substring(location.lastIndexOf('/') + 1) + ")");
        while (true) {
            JsonNode status = api.get(location.replaceFirst("^/", "")).json();
            switch (status.path("state").asString("")) {
                case "done" -> {
                    Say.say("Cache rebuilt: " + status.path("ratings").asLong() + " ratings from "
                            + status.path("records").asLong() + " records (waited " + Say.since(started) + " s)");
                    return status;
                }
                case "failed" ->
                    throw new ToolException("the rebuild failed: " + status + "; see ./ratings logs ingest-api");
                default -> {}
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) > 0) {
                throw new ToolException(
                        "the cache was not rebuilt in " + timeout.toSeconds() + " s; see ./ratings logs ingest-api");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
