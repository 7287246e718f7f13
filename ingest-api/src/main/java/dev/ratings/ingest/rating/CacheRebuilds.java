package dev.ratings.ingest.rating;

import dev.ratings.ingest.redis.LuaScript;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The cache rebuilds and their states, in Redis so that every instance sees them: one hash per
 * rebuild ({@code <prefix>cache:rebuilds:<id>}, kept a week), the latest id, and the marker {@code
 * <prefix>cache:filled} whose absence makes some instance rebuild (see {@link RatingCacheRebuild}).
 *
 * <p>States: {@code requested} (the marker is gone; an instance starts within {@code
 * ratings.cache.check-interval}, this one at once), {@code running}, {@code done}, {@code failed}.
 * A rebuild that nobody requested (Redis came back empty) gets an id too, with trigger {@code
 * redis-empty}.
 */
final class CacheRebuilds {

    private static final Duration KEPT = Duration.ofDays(7);
    private static final Duration LOCK_TTL = Duration.ofMinutes(10);

    /** A new requested rebuild, unless one is running: then that one. */
    private static final LuaScript REQUEST = new LuaScript("""
            local marker = redis.call('GET', KEYS[1])
            if marker and string.sub(marker, 1, 10) == 'rebuilding' then
              return redis.call('GET', KEYS[2])
            end
            local id = redis.call('INCR', KEYS[3])
            local status = ARGV[1] .. id
            redis.call('HSET', status, 'id', id, 'state', 'requested', 'trigger', 'request', 'requestedAt', ARGV[2])
            redis.call('PEXPIRE', status, ARGV[3])
            redis.call('SET', KEYS[2], id)
            redis.call('DEL', KEYS[1])
            return tostring(id)
            """);

    /** Takes the marker as the lock when it is missing, adopting the requested rebuild if there is one. */
    private static final LuaScript START = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return false end
            local id = redis.call('GET', KEYS[2])
            if not id or redis.call('HGET', ARGV[1] .. id, 'state') ~= 'requested' then
              id = tostring(redis.call('INCR', KEYS[3]))
              redis.call('HSET', ARGV[1] .. id, 'id', id, 'trigger', 'redis-empty', 'requestedAt', ARGV[2])
              redis.call('SET', KEYS[2], id)
            end
            redis.call('HSET', ARGV[1] .. id, 'state', 'running', 'startedAt', ARGV[2])
            redis.call('PEXPIRE', ARGV[1] .. id, ARGV[3])
            redis.call('SET', KEYS[1], 'rebuilding ' .. id .. ' since ' .. ARGV[2], 'PX', ARGV[4])
            return id
            """);

    private final SharedRedisConnection redis;
    private final String marker;
    private final String latest;
    private final String next;
    private final String statusPrefix;
    private final Clock clock;

    CacheRebuilds(SharedRedisConnection redis, RedisSettings settings, Clock clock) {
        this.redis = redis;
        this.marker = settings.keyPrefix() + "cache:filled";
        this.latest = settings.keyPrefix() + "cache:rebuilds:latest";
        this.next = settings.keyPrefix() + "cache:rebuilds:next";
        this.statusPrefix = settings.keyPrefix() + "cache:rebuilds:";
        this.clock = clock;
    }

    /** Asks for a rebuild; returns its id (the running one's if a rebuild is running). */
    String request() {
        return REQUEST.run(
                commands(),
                ScriptOutputType.VALUE,
                new String[] {marker, latest, next},
                statusPrefix,
                clock.instant().toString(),
                Long.toString(KEPT.toMillis()));
    }

    /** Starts a rebuild if the marker is missing and no other instance is at it: its id, else empty. */
    Optional<String> start() {
        return Optional.ofNullable(START.run(
                commands(),
                ScriptOutputType.VALUE,
                new String[] {marker, latest, next},
                statusPrefix,
                clock.instant().toString(),
                Long.toString(KEPT.toMillis()),
                Long.toString(LOCK_TTL.toMillis())));
    }

    void finished(String id, long records, long ratings, double seconds) {
        String summary = "rebuilt at %s from %d records: %d ratings in %.1f s"
                .formatted(clock.instant(), records, ratings, seconds);
        RedisCommands<String, String> commands = commands();
        commands.hset(
                statusPrefix + id,
                Map.of(
                        "state", "done",
                        "finishedAt", clock.instant().toString(),
                        "records", Long.toString(records),
                        "ratings", Long.toString(ratings),
                        "seconds", "%.3f".formatted(seconds)));
        commands.set(marker, summary);
    }

    void failed(String id, String error) {
        RedisCommands<String, String> commands = commands();
        commands.del(marker);
        commands.hset(
                statusPrefix + id,
                Map.of("state", "failed", "finishedAt", clock.instant().toString(), "error", error));
    }

    /** A rebuild's fields as stored ({@code id}, {@code state}, instants, counts); "latest" names the latest. */
    Optional<Map<String, String>> find(String id) {
        RedisCommands<String, String> commands = commands();
        String resolved = "latest".equals(id) ? commands.get(latest) : id;
        if (resolved == null) {
            return Optional.empty();
        }
        Map<String, String> fields = commands.hgetall(statusPrefix + resolved);
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
    }

    private RedisCommands<String, String> commands() {
        return redis.connection()
                .orElseThrow(() -> new IllegalStateException("Redis is not connected"))
                .sync();
    }
}
