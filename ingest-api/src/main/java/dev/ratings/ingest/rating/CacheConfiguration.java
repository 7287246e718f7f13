package dev.ratings.ingest.rating;

import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CacheRebuilds cacheRebuilds(SharedRedisConnection redis, RedisSettings redisSettings, Clock clock) {
        return new CacheRebuilds(redis, redisSettings, clock);
    }

    @Bean
    RatingCacheRebuild ratingCacheRebuild(
            CacheRebuilds rebuilds,
            RedisRatingCache cache,
            KafkaProperties kafka,
            CacheSettings settings,
            Clock clock,
            MeterRegistry meters) {
        return new RatingCacheRebuild(
                rebuilds,
                cache,
                new RatingHistory(kafka.buildConsumerProperties()),
                settings.maxInFlight(),
                clock,
                meters);
    }

    @Bean
    RatingCacheGuard ratingCacheGuard(SharedRedisConnection redis, RatingCacheRebuild rebuild, CacheSettings settings) {
        return new RatingCacheGuard(redis, rebuild, settings);
    }
}
