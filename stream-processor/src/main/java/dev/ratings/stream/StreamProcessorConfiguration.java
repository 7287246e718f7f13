package dev.ratings.stream;

import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.stream.generations.Generations;
import dev.ratings.stream.heartbeat.HeartbeatPublisher;
import dev.ratings.stream.heartbeat.HeartbeatSchedule;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.streams.LostInstanceFencing;
import dev.ratings.stream.streams.StreamsConfigFactory;
import dev.ratings.stream.streams.StreamsHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class StreamProcessorConfiguration {

    @Bean(initMethod = "run")
    TopicBootstrap topics(KafkaAdmin admin, RatingsProperties properties) {
        return new TopicBootstrap(
                admin.getConfigurationProperties(),
                TopicDefinitions.all(
                        properties.kafka().partitions(), properties.kafka().replicationFactor()),
                10_000);
    }

    @Bean
    StreamsConfigFactory streamsConfigFactory(KafkaProperties kafka, RatingsProperties properties) {
        return new StreamsConfigFactory(
                kafka, properties.streams(), properties.kafka().replicationFactor());
    }

    @Bean
    PartitionClocks partitionClocks() {
        return new PartitionClocks(System::currentTimeMillis);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    LostInstanceFencing lostInstanceFencing(Admin admin, StreamsConfigFactory configs, RatingsProperties properties) {
        return new LostInstanceFencing(
                admin,
                configs::isApplicationId,
                properties.streams().sessionTimeout(),
                properties.streams().lostInstanceCheck());
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(Generations generations) {
        return new StreamsHealthIndicator(generations);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> heartbeatProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(
                ReliableProducers.config(kafka, "ratings-heartbeats"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Bean
    HeartbeatSchedule heartbeatSchedule(
            Producer<byte[], byte[]> heartbeatProducer, PartitionClocks clocks, RatingsProperties properties) {
        HeartbeatPublisher publisher = new HeartbeatPublisher(
                heartbeatProducer, clocks, properties.heartbeat().interval(), System::currentTimeMillis);
        return new HeartbeatSchedule(publisher, properties.heartbeat().interval());
    }
}
