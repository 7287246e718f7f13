package dev.ratings.stream;

import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.contract.Topics;
import dev.ratings.stream.generations.CatchUpCheck;
import dev.ratings.stream.generations.GenerationLog;
import dev.ratings.stream.generations.Generations;
import dev.ratings.stream.generations.ReplayRequestResolver;
import dev.ratings.stream.heartbeat.HeartbeatPublisher;
import dev.ratings.stream.heartbeat.HeartbeatSchedule;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.streams.ScoreStreamsFactory;
import dev.ratings.stream.streams.StreamsConfigFactory;
import dev.ratings.stream.streams.StreamsHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class StreamProcessorConfiguration {

    @Bean(initMethod = "run")
    TopicBootstrap topics(KafkaAdmin admin, RatingsProperties properties) {
        return new TopicBootstrap(
                admin.getConfigurationProperties(),
                TopicDefinitions.all(properties.kafka().partitions()),
                10_000);
    }

    @Bean
    StreamsConfigFactory streamsConfigFactory(KafkaProperties kafka, RatingsProperties properties) {
        return new StreamsConfigFactory(kafka, properties.streams());
    }

    @Bean
    PartitionClocks partitionClocks() {
        return new PartitionClocks(System::currentTimeMillis);
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> generationProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(
                reliableProducer(kafka, "ratings-generations"), new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    Generations generations(
            KafkaProperties kafka,
            Admin admin,
            Producer<String, byte[]> generationProducer,
            StreamsConfigFactory configs,
            PartitionClocks clocks,
            MeterRegistry registry,
            RatingsProperties properties) {
        return new Generations(
                new GenerationLog(kafka.buildConsumerProperties(), generationProducer),
                new CatchUpCheck(admin),
                new ScoreStreamsFactory(configs, clocks, registry, () -> partitionsOf(admin, Topics.RATINGS)),
                new Generations.Configured(
                        properties.scoreParameters(), properties.window().grace()),
                properties.replay().sinkGroupId(),
                properties.replay().checkInterval(),
                System::currentTimeMillis);
    }

    @Bean
    ReplayRequestResolver replayRequestResolver(ConfigurableEnvironment environment) {
        return new ReplayRequestResolver(environment);
    }

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(Generations generations) {
        return new StreamsHealthIndicator(generations);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> heartbeatProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(
                reliableProducer(kafka, "ratings-heartbeats"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean
    HeartbeatSchedule heartbeatSchedule(
            Producer<byte[], byte[]> heartbeatProducer, PartitionClocks clocks, RatingsProperties properties) {
        HeartbeatPublisher publisher = new HeartbeatPublisher(
                heartbeatProducer, clocks, properties.heartbeat().interval(), System::currentTimeMillis);
        return new HeartbeatSchedule(publisher, properties.heartbeat().interval());
    }

    /** decay-v2 needs the real count, not the configured one: the topic may predate the setting. */
    private static int partitionsOf(Admin admin, String topic) {
        try {
            return admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot tell how many partitions " + topic + " has", e);
        }
    }

    private static Map<String, Object> reliableProducer(KafkaProperties kafka, String clientId) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
