package dev.ratings.stream;

import dev.ratings.contract.TopicDefinitions;
import dev.ratings.stream.heartbeat.HeartbeatPublisher;
import dev.ratings.stream.heartbeat.HeartbeatSchedule;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.streams.ScoreStreamsLifecycle;
import dev.ratings.stream.streams.StreamsConfigFactory;
import dev.ratings.stream.streams.StreamsHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class StreamProcessorConfiguration {

    @Bean
    KafkaAdmin.NewTopics topics(RatingsProperties properties) {
        return new KafkaAdmin.NewTopics(
                TopicDefinitions.all(properties.kafka().partitions()).toArray(NewTopic[]::new));
    }

    @Bean
    StreamsConfigFactory streamsConfigFactory(KafkaProperties kafka, RatingsProperties properties) {
        return new StreamsConfigFactory(kafka, properties.streams());
    }

    @Bean
    PartitionClocks partitionClocks() {
        return new PartitionClocks(System::currentTimeMillis);
    }

    @Bean
    ScoreStreamsLifecycle scoreStreams(
            RatingsProperties properties,
            StreamsConfigFactory configs,
            PartitionClocks clocks,
            MeterRegistry registry) {
        return new ScoreStreamsLifecycle(properties, configs, clocks, registry);
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(ScoreStreamsLifecycle lifecycle) {
        return new StreamsHealthIndicator(lifecycle);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> heartbeatProducer(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ratings-heartbeats");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean
    HeartbeatSchedule heartbeatSchedule(
            Producer<byte[], byte[]> heartbeatProducer, PartitionClocks clocks, RatingsProperties properties) {
        HeartbeatPublisher publisher = new HeartbeatPublisher(
                heartbeatProducer, clocks, properties.heartbeat().interval(), System::currentTimeMillis);
        return new HeartbeatSchedule(publisher, properties.heartbeat().interval());
    }
}
