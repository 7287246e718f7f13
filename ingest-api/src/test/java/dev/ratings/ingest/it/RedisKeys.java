package dev.ratings.ingest.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.function.Function;

/** A key prefix of one test class on the shared Redis, and removing what was written under it. */
final class RedisKeys {

    static final String URL = "redis://127.0.0.1:6379";

    /**
     * A command timeout for tests that need Redis's answers, not a test of timeouts: the shared
     * Redis of a busy CI machine can take longer than the default 250 ms.
     */
    static final String PATIENT = "ratings.redis.command-timeout=PT2S";

    private RedisKeys() {}

    static String uniquePrefix() {
        return dev.ratings.testsupport.RedisKeys.uniquePrefix("it");
    }

    static long deleteAll(String prefix) {
        return dev.ratings.testsupport.RedisKeys.deleteAll(URL, prefix);
    }

    /** Runs commands on a connection of their own to the shared Redis. */
    static <T> T call(Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
