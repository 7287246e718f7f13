package dev.ratings.sink.kafka;

import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a rebuild ({@code ratings.sink.rebuild.enabled}) does before the listeners start: both
 * consumer groups are set back to the beginning of their topics (the writes are idempotent, and
 * {@code score_generation_log} in an empty database makes the generations be applied from the start
 * too); the health says when they have written everything the topics held.
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean("rebuildHealthIndicator")
    @ConditionalOnBooleanProperty("ratings.sink.rebuild.enabled")
    RebuildHealthIndicator rebuildHealthIndicator(Admin admin, KafkaProperties kafka, TopicBootstrap topicsCreated) {
        Map<String, String> topicByGroup =
                Map.of(kafka.getConsumer().getGroupId(), Topics.POST_RATING_WINDOWS, SinkGroups.POSTS, Topics.POSTS);
        topicByGroup.forEach((group, topic) -> GroupRewind.toBeginning(admin, group, topic));
        return new RebuildHealthIndicator(new GroupProgress(admin), topicByGroup);
    }
}
