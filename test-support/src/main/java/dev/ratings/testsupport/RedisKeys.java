package dev.ratings.testsupport;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * A key prefix of one test run on the shared Redis, and removing what was written under it: tests
 * of several checkouts run at once on one machine, with the same post ids and user names.
 */
public final class RedisKeys {

    private RedisKeys() {}

    public static String uniquePrefix(String kind) {
        return "ratings-" + kind + "-" + UUID.randomUUID() + ":";
    }

    /** Deletes every key under {@code prefix} on the Redis at {@code url}; returns how many. */
    public static long deleteAll(String url, String prefix) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(
                        cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown();
        }
    }
}
