package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.posts.OwnRatings;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One Redis hash per user ({@code <prefix>user:<userId>:ratings}), field = post id, value = {@code
 * <acceptedAt>:<rating>}: a list page needs one HMGET for all its posts.
 *
 * <p>Writes go through a script that keeps the entry with the later {@code acceptedAt}, in one round
 * trip, so a delayed write of an older rating never hides a newer one. The cache is rebuilt from
 * Kafka when lost ({@link RatingCacheRebuild}), so a write Redis cannot take (down, slow, full) is
 * skipped and counted: {@code ratings.cache.failures{operation, reason}}.
 */
@Component
class RedisRatingCache implements RatingIntake.Cache, OwnRatings {

    private static final Logger log = LoggerFactory.getLogger(RedisRatingCache.class);

    static final String KEEP_LATEST = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local acceptedAt = tonumber(string.match(current, '^(%d+):'))
              if acceptedAt and acceptedAt > tonumber(ARGV[2]) then
                return 0
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
            return 1
            """;

    private final SharedRedisConnection redis;
    private final String keyPrefix;
    private final MeterRegistry meters;

    RedisRatingCache(SharedRedisConnection redis, RedisSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.keyPrefix = settings.keyPrefix();
        this.meters = meters;
        failures("write", SharedRedisConnection.UNAVAILABLE);
        failures("read", SharedRedisConnection.UNAVAILABLE);
    }

    @Override
    public void remember(RatingEvent event) {
        write(event);
    }

    /**
     * Sends the write and returns at once; it completes with whether Redis applied it (a failure is
     * also counted). Used by the rebuild to keep a bounded number of writes in flight.
     */
    CompletionStage<Boolean> write(RatingEvent event) {
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (connection.isEmpty()) {
            failures("write", SharedRedisConnection.UNAVAILABLE).increment();
            return CompletableFuture.completedFuture(false);
        }
        try {
            return connection
                    .get()
                    .async()
                    .<Long>eval(
                            KEEP_LATEST,
                            ScriptOutputType.INTEGER,
                            new String[] {userKey(event.userId())},
                            Long.toString(event.postId()),
                            Long.toString(event.acceptedAt()),
                            Integer.toString(event.rating()))
                    .handle((written, error) -> {
                        if (error != null) {
                            writeFailed(event, error);
                            return false;
                        }
                        redis.wrote();
                        return true;
                    });
        } catch (RedisException e) {
            writeFailed(event, e);
            return CompletableFuture.completedFuture(false);
        }
    }

    private void writeFailed(RatingEvent event, Throwable error) {
        failures("write", redis.failure(error)).increment();
        log.debug("Could not cache rating {}: {}", event.ratingId(), error.toString());
    }

    @Override
    public OptionalInt ratingOf(String userId, long postId) {
        Integer rating = ratingsOf(userId, List.of(postId)).get(postId);
        return rating == null ? OptionalInt.empty() : OptionalInt.of(rating);
    }

    @Override
    public Map<Long, Integer> ratingsOf(String userId, Collection<Long> postIds) {
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (postIds.isEmpty()) {
            return Map.of();
        }
        if (connection.isEmpty()) {
            failures("read", SharedRedisConnection.UNAVAILABLE).increment();
            return Map.of();
        }
        String[] fields = postIds.stream().map(String::valueOf).toArray(String[]::new);
        try {
            List<KeyValue<String, String>> values = connection.get().sync().hmget(userKey(userId), fields);
            Map<Long, Integer> ratings = new HashMap<>();
            for (KeyValue<String, String> value : values) {
                if (value.hasValue()) {
                    ratings.put(Long.valueOf(value.getKey()), ratingIn(value.getValue()));
                }
            }
            return ratings;
        } catch (RedisException e) {
            failures("read", redis.failure(e)).increment();
            log.debug("Could not read cached ratings of {}: {}", userId, e.toString());
            return Map.of();
        }
    }

    String userKey(String userId) {
        return keyPrefix + "user:" + userId + ":ratings";
    }

    private static int ratingIn(String value) {
        return Integer.parseInt(value.substring(value.indexOf(':') + 1));
    }

    private Counter failures(String operation, String reason) {
        return Counter.builder("ratings.cache.failures")
                .description("Rating cache operations skipped because Redis was unavailable, slow or full")
                .tag("operation", operation)
                .tag("reason", reason)
                .register(meters);
    }
}
