package dev.ratings.stream.generations;

import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.Topics;
import dev.ratings.stream.RatingsProperties;
import dev.ratings.stream.ReliableProducers;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.streams.ScoreStreamsFactory;
import dev.ratings.stream.streams.StreamsConfigFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * How the stream processor follows {@code score-generations}: a consumer without a group (every
 * instance reads all of it, from the start, committed records only: the sink writes promotions in
 * transactions) and an idempotent producer for the events this instance appends.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> generationProducer(KafkaProperties kafka) {
        return new KafkaProducer<>(
                ReliableProducers.config(kafka, "ratings-generations"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    GenerationFollower generationFollower(KafkaProperties kafka, MeterRegistry registry) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ratings-generations-follower");
        return new GenerationFollower(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()), registry);
    }

    @Bean
    Generations generations(
            GenerationFollower follower,
            Producer<String, byte[]> generationProducer,
            Admin admin,
            StreamsConfigFactory configs,
            PartitionClocks clocks,
            MeterRegistry registry,
            RatingsProperties properties) {
        return new Generations(
                follower,
                new GenerationLog(generationProducer),
                new ScoreStreamsFactory(configs, clocks, registry, () -> partitionsOf(admin, Topics.RATINGS)),
                onRemoved -> new RetiredApplications(
                        admin, configs::applicationId, properties.replay().cleanupRetry(), onRemoved),
                new Generations.Configured(
                        properties.scoreParameters(), properties.window().grace()),
                System::currentTimeMillis);
    }

    @Bean
    ReplayStatuses replayStatuses(GenerationFollower follower, Admin admin, StreamsConfigFactory configs) {
        return new ReplayStatuses(follower, new GroupProgress(admin), configs::applicationId);
    }

    @Bean
    ReplayRequestResolver replayRequestResolver(ConfigurableEnvironment environment) {
        return new ReplayRequestResolver(environment);
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
}
