package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import dev.ratings.sink.SinkProperties;
import dev.ratings.sink.kafka.CountedDeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * How {@code score-generations} is consumed: with its own consumer and container factory, so the
 * result listener's deserializers, batch mode and error handler stay its own. The consumer starts
 * from the earliest offset (a new sink applies the whole history), reads committed records only,
 * and commits after each event.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConsumerConfiguration {

    static final String CONTAINER_FACTORY = "generationListenerContainerFactory";

    /**
     * Boot's consumer settings ({@code spring.kafka.*}, bootstrap servers included) with this
     * listener's own: not built as a {@code ConsumerFactory} bean, which would replace Boot's.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, GenerationEvent> generationListenerContainerFactory(
            DefaultKafkaConsumerFactory<?, ?> bootConsumerFactory,
            KafkaTemplate<String, byte[]> deadLetterTemplate,
            SinkProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GenerationEventListener.ID);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        DefaultKafkaConsumerFactory<String, GenerationEvent> consumers = new DefaultKafkaConsumerFactory<>(
                config,
                StringDeserializer::new,
                () -> new ErrorHandlingDeserializer<>(JsonSerde.of(GenerationEvent.class)));
        consumers.addListener(new MicrometerConsumerListener<>(registry));

        ConcurrentKafkaListenerContainerFactory<String, GenerationEvent> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        // one partition, applied in order
        factory.setConcurrency(1);
        factory.getContainerProperties().setAckMode(AckMode.RECORD);
        // should the topic ever be written in transactions: commit past the markers (see the window listener)
        factory.getContainerProperties().setFixTxOffsets(true);
        factory.setCommonErrorHandler(errorHandler(deadLetterTemplate, properties, registry));
        return factory;
    }

    /**
     * An unreadable record is never retried: it goes to the dead-letter topic at once. Any other
     * failure is the database's: the event is retried until applied, as skipping a switch would
     * leave readers on the old generation for good.
     */
    private static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, byte[]> deadLetterTemplate, SinkProperties properties, MeterRegistry registry) {
        return new DefaultErrorHandler(
                new CountedDeadLetters(
                        deadLetterTemplate,
                        Topics.SCORE_GENERATIONS,
                        registry,
                        (record, failure) -> causedByDeserialization(failure)),
                properties.retry().backOff());
    }

    /** The container reports a value the deserializer refused as a (wrapped) DeserializationException. */
    private static boolean causedByDeserialization(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
