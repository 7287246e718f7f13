package dev.ratings.sink.kafka;

import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.Topics;
import dev.ratings.sink.postgres.RebuildMark;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a rebuild ({@code ratings.sink.rebuild.enabled}) does before the listeners start: both
 * consumer groups are set back to the beginning of their topics (the writes are idempotent, and
 * {@code score_generation_log} in an empty database makes the generations be applied from the start
 * too); the database is marked as being rebuilt until they have written everything the topics held,
 * which the health says too.
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean
    @ConditionalOnBooleanProperty("ratings.sink.rebuild.enabled")
    RebuildMark rebuildMark(DataSource dataSource) {
        return new RebuildMark(dataSource);
    }

    /** The mark goes on before the first migration, which in a dropped database creates the tables. */
    @Bean
    @ConditionalOnBooleanProperty("ratings.sink.rebuild.enabled")
    FlywayConfigurationCustomizer rebuildMarkBeforeMigrating(RebuildMark mark) {
        return configuration -> configuration.callbacks(mark);
    }

    @Bean("rebuildHealthIndicator")
    @ConditionalOnBooleanProperty("ratings.sink.rebuild.enabled")
    RebuildHealthIndicator rebuildHealthIndicator(
            Admin admin, KafkaProperties kafka, TopicBootstrap topicsCreated, RebuildMark mark) {
        Map<String, String> topicByGroup =
                Map.of(kafka.getConsumer().getGroupId(), Topics.POST_RATING_WINDOWS, SinkGroups.POSTS, Topics.POSTS);
        topicByGroup.forEach((group, topic) -> GroupRewind.toBeginning(admin, group, topic));
        return new RebuildHealthIndicator(new GroupProgress(admin), topicByGroup, mark::clear);
    }
}
