package dev.ratings.ingest.kafka;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.PostEvent;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Kafka's default since 4.0; read to keep {@code delivery.timeout.ms} consistent with it. */
    private static final long DEFAULT_LINGER_MS = 5;

    @Bean(initMethod = "run")
    TopicBootstrap ratingsTopics(KafkaAdmin admin, KafkaSettings settings) {
        return new TopicBootstrap(
                admin.getConfigurationProperties(),
                TopicDefinitions.all(settings.partitions(), settings.replicationFactor()),
                10_000);
    }

    /**
     * The producer of rating events. Durability settings are fixed here, not left to configuration:
     * a 202 promises the event is on every in-sync replica and written exactly once.
     */
    @Bean
    DefaultKafkaProducerFactory<String, RatingEvent> ratingProducerFactory(
            KafkaProperties properties,
            KafkaSettings settings,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return durableProducerFactory(properties, settings, customizers, RatingEvent.class);
    }

    /** The producer of post events, with the same guarantees: a 201 promises the post is in the log. */
    @Bean
    DefaultKafkaProducerFactory<String, PostEvent> postProducerFactory(
            KafkaProperties properties,
            KafkaSettings settings,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return durableProducerFactory(properties, settings, customizers, PostEvent.class);
    }

    @Bean
    KafkaTemplate<String, PostEvent> postTemplate(DefaultKafkaProducerFactory<String, PostEvent> factory) {
        return new KafkaTemplate<>(factory);
    }

    private static <T> DefaultKafkaProducerFactory<String, T> durableProducerFactory(
            KafkaProperties properties,
            KafkaSettings settings,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers,
            Class<T> type) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        long lingerMs =
                Long.parseLong(String.valueOf(config.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS)));
        config.putAll(ProducerTimeouts.within(settings.sendTimeout(), lingerMs).asProducerConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        DefaultKafkaProducerFactory<String, T> factory =
                new DefaultKafkaProducerFactory<>(config, new StringSerializer(), JsonSerde.of(type));
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    @Bean
    KafkaTemplate<String, RatingEvent> ratingTemplate(DefaultKafkaProducerFactory<String, RatingEvent> factory) {
        return new KafkaTemplate<>(factory);
    }
}
