package dev.ratings.ingest.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code UP} when Redis answers a PING in time, else {@link #DEGRADED}, never {@code DOWN}: without
 * Redis the service still accepts ratings (Kafka is the source of truth), so it belongs in
 * readiness, where it shows, but must not take the instance out of rotation. {@code DEGRADED} ranks
 * between {@code DOWN} and {@code UP} and answers HTTP 200 (application.yml), and the details say
 * what is missing.
 */
@Component("redisHealthIndicator")
class RedisHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis is unavailable; the service runs without it");
    static final String IMPACT = "ratings are still accepted, but without rate limits or Idempotency-Key checks"
            + " (both fail open) and reads show no myRating";

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
            builder.status(DEGRADED).withDetail("error", "not connected").withDetail("impact", IMPACT);
            return;
        }
        try {
            builder.up().withDetail("ping", connection.get().sync().ping());
        } catch (RedisException e) {
            builder.status(DEGRADED).withDetail("error", e.toString()).withDetail("impact", IMPACT);
        }
    }
}
