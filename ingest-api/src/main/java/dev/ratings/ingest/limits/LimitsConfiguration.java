package dev.ratings.ingest.limits;

import dev.ratings.ingest.redis.RedisSettings;
import dev.ratings.ingest.redis.SharedRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

    /** Creating posts: a bucket per user of its own, so that it never uses up the user's ratings. */
    @Bean
    RateLimiter postCreationLimiter(
            SharedRedisConnection redis, RedisSettings redisSettings, RateLimitSettings limits, MeterRegistry meters) {
        return new RedisRateLimiter(
                redis, redisSettings.keyPrefix(), "post", limits.burst(), limits.perSecond(), meters);
    }

    /** Right after the trailing-slash filter: before security, so that a flood of reads costs no JWT check. */
    @Bean
    FilterRegistrationBean<ReadLimitFilter> readLimitFilter(
            SharedRedisConnection redis, RedisSettings redisSettings, ReadLimitSettings limits, MeterRegistry meters) {
        FilterRegistrationBean<ReadLimitFilter> registration =
                new FilterRegistrationBean<>(new ReadLimitFilter(new RedisRateLimiter(
                        redis, redisSettings.keyPrefix(), "read", limits.burst(), limits.perSecond(), meters)));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
