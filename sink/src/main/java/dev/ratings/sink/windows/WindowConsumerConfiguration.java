package dev.ratings.sink.windows;

import dev.ratings.contract.Topics;
import dev.ratings.sink.SinkProperties;
import dev.ratings.sink.kafka.CountedDeadLetters;
import dev.ratings.sink.kafka.UnreadableRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * How {@code post-rating-windows} is consumed, beyond {@code spring.kafka.*}: values are handed to
 * the listener as bytes, which it reads with {@link WindowResultDeserializer} a chunk at a time
 * while the previous chunk is written; unreadable records go to {@code post-rating-windows.DLT},
 * and anything else that fails is retried without end.
 */
@Configuration(proxyBeanMethods = false)
class WindowConsumerConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer windowResultDeserializers(SinkProperties properties) {
        return factory -> {
            useWindowResultDeserializers(factory);
            factory.updateConfigs(properties.groupMembership());
        };
    }

    @SuppressWarnings("unchecked")
    private static void useWindowResultDeserializers(DefaultKafkaConsumerFactory<?, ?> factory) {
        DefaultKafkaConsumerFactory<String, byte[]> windows = (DefaultKafkaConsumerFactory<String, byte[]>) factory;
        windows.setKeyDeserializerSupplier(StringDeserializer::new);
        // read by the listener, not in poll(): see WindowResultListener
        windows.setValueDeserializerSupplier(ByteArrayDeserializer::new);
    }

    /**
     * The stream processor writes exactly-once, so every transaction ends with a commit marker that
     * takes an offset but is never delivered. Committing "last record + 1" would leave the group one
     * short of the end of each partition for good, and the stream processor, which promotes a replay
     * once this group has reached the end of what the replay produced, would wait forever. With
     * this, the container commits the consumer's position past the marker once it is idle.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
            commitPastTransactionMarkers() {
        return container -> container.getContainerProperties().setFixTxOffsets(true);
    }

    /** Dead letters keep the original bytes of the value, whatever they are. */
    @Bean
    @SuppressWarnings("unchecked")
    KafkaTemplate<String, byte[]> deadLetterTemplate(ProducerFactory<?, ?> producerFactory) {
        return new KafkaTemplate<>(
                (ProducerFactory<String, byte[]>) producerFactory,
                Map.of(
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Picked up by Boot's listener container factory. */
    @Bean
    DefaultErrorHandler windowErrorHandler(
            KafkaTemplate<String, byte[]> deadLetterTemplate, SinkProperties properties, MeterRegistry registry) {
        WindowResultDeserializer parser = new WindowResultDeserializer();
        return CountedDeadLetters.errorHandler(
                deadLetterTemplate,
                Topics.POST_RATING_WINDOWS,
                registry,
                properties.retry().backOff(),
                (record, failure) -> UnreadableRecords.isUnreadable(record, parser));
    }
}
