package dev.ratings.sink.kafka;

import dev.ratings.contract.TopicDefinitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares every topic of the pipeline, the same way every service does. */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    KafkaAdmin.NewTopics ratingsTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                TopicDefinitions.all(properties.partitions()).toArray(NewTopic[]::new));
    }
}
