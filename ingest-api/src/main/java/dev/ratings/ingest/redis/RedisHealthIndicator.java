package dev.ratings.ingest.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Down when Redis does not answer a PING in time. Not part of readiness: without Redis ratings are
 * still accepted and only the caller's own rating is missing from reads.
 */
@Component("redisHealthIndicator")
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final SharedRedisConnection redis;

    RedisHealthIndicator(SharedRedisConnection redis) {
        super("Redis health check failed");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("address", redis.address());
        Optional<StatefulRedisConnection<String, String>> connection = redis.connection();
        if (connection.isEmpty()) {
            builder.down().withDetail("error", "not connected");
            return;
        }
        builder.up().withDetail("ping", connection.get().sync().ping());
    }
}
