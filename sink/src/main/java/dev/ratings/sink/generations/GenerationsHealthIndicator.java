package dev.ratings.sink.generations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code scoreGenerations} in {@code /actuator/health}: down when the follower is not running, with
 * whether this instance holds the log, how far it has applied it and the last failure (retried).
 */
class GenerationsHealthIndicator implements HealthIndicator {

    private final GenerationFollower follower;

    GenerationsHealthIndicator(GenerationFollower follower) {
        this.follower = follower;
    }

    @Override
    public Health health() {
        Health.Builder health = follower.isRunning() ? Health.up() : Health.down();
        health.withDetail("holdsLog", follower.holdsLog());
        if (follower.holdsLog()) {
            health.withDetail("readUpTo", follower.appliedUpTo());
        }
        String failure = follower.lastFailure();
        if (failure != null) {
            health.withDetail("lastFailure", failure);
        }
        return health.build();
    }
}
