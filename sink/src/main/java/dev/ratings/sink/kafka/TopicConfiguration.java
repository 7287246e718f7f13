package dev.ratings.sink.kafka;

import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic of the pipeline, the same way every service does, plus the dead-letter topic
 * of {@code score-generations}, which only the sink consumes as a listener.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean(initMethod = "run")
    TopicBootstrap ratingsTopics(KafkaAdmin admin, TopicProperties properties) {
        List<NewTopic> topics =
                new ArrayList<>(TopicDefinitions.all(properties.partitions(), properties.replicationFactor()));
        topics.add(TopicDefinitions.replicated(
                TopicDefinitions.deadLetters(Topics.SCORE_GENERATIONS), properties.replicationFactor()));
        return new TopicBootstrap(admin.getConfigurationProperties(), topics, 10_000);
    }
}
