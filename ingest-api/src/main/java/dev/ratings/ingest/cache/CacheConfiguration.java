package dev.ratings.ingest.cache;

import dev.ratings.ingest.rating.RedisRatingCache;
import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    /** The key whose absence means "Redis lost the cache"; {@code ./ratings rebuild-cache} deletes it. */
    static String markerKey(RedisSettings redis) {
        return redis.keyPrefix() + "cache:filled";
    }

    @Bean
    RatingCacheRebuild ratingCacheRebuild(
            SharedRedisConnection redis,
            RedisRatingCache cache,
            KafkaProperties kafka,
            RedisSettings redisSettings,
            CacheSettings settings,
            Clock clock,
            MeterRegistry meters) {
        return new RatingCacheRebuild(
                redis,
                cache,
                new RatingHistory(kafka.buildConsumerProperties()),
                markerKey(redisSettings),
                settings.maxInFlight(),
                clock,
                meters);
    }

    @Bean
    RatingCacheGuard ratingCacheGuard(SharedRedisConnection redis, RatingCacheRebuild rebuild, CacheSettings settings) {
        return new RatingCacheGuard(redis, rebuild, settings);
    }
}
