package dev.ratings.sink.posts;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.PostEvent;
import dev.ratings.contract.Topics;
import dev.ratings.sink.SinkProperties;
import dev.ratings.sink.kafka.CountedDeadLetters;
import dev.ratings.sink.kafka.SinkGroups;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * How {@code posts} is consumed: a consumer group of its own (whose progress does not count for
 * promotions, unlike the window results' group), values read with
 * the contract's serde behind an {@link ErrorHandlingDeserializer}, unreadable records to {@code
 * posts.DLT}, anything else (the database) retried without end, offsets committed after the batch.
 */
@Configuration(proxyBeanMethods = false)
class PostConsumerConfiguration {

    static final String GROUP_ID = SinkGroups.POSTS;
    static final String FACTORY = "postListenerFactory";

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, PostEvent> postListenerFactory(
            KafkaProperties kafka,
            KafkaTemplate<String, byte[]> deadLetterTemplate,
            SinkProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID);
        config.putAll(properties.groupMembership());
        ConcurrentKafkaListenerContainerFactory<String, PostEvent> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                config, new StringDeserializer(), new ErrorHandlingDeserializer<>(JsonSerde.of(PostEvent.class))));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        factory.setCommonErrorHandler(CountedDeadLetters.errorHandler(
                deadLetterTemplate, Topics.POSTS, registry, properties.retry().backOff()));
        return factory;
    }
}
