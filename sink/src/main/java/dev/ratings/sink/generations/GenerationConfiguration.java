package dev.ratings.sink.generations;

import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.Topics;
import dev.ratings.sink.SinkProperties;
import dev.ratings.sink.kafka.CountedDeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the sink follows {@code score-generations} and promotes replays. The follower reads committed
 * records only (promotions are written in transactions) with its own consumer group, so that the
 * group hands the one partition, and with it the right to promote, to one sink instance.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    ScoreGenerations scoreGenerations(JdbcClient jdbc, LogIdentity identity) {
        return new ScoreGenerations(jdbc, identity::isCurrent);
    }

    @Bean
    GenerationEventWriter generationEventWriter(
            GenerationStore store,
            TransactionTemplate transaction,
            KafkaTemplate<String, byte[]> deadLetterTemplate,
            MeterRegistry registry) {
        // only the writer sends here, and only what is unreadable or does not follow
        CountedDeadLetters deadLetters =
                new CountedDeadLetters(deadLetterTemplate, Topics.SCORE_GENERATIONS, registry, (record, why) -> true);
        return new GenerationEventWriter(store, transaction, deadLetters, registry);
    }

    @Bean
    GenerationFollower generationFollower(
            KafkaProperties kafka, GenerationEventWriter writer, LogIdentity identity, SinkProperties properties) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GenerationFollower.GROUP_ID);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GenerationFollower.GROUP_ID);
        config.putAll(properties.groupMembership());
        return new GenerationFollower(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                writer,
                identity,
                properties.retry().backOff());
    }

    @Bean
    GenerationPromoter generationPromoter(
            GenerationFollower follower,
            GenerationStore store,
            Admin admin,
            KafkaProperties kafka,
            SinkProperties properties,
            MeterRegistry registry) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // the same id on every sink instance: whichever promotes fences any earlier one
        config.put(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, properties.promotion().transactionalId());
        SinkProperties.Promotion promotion = properties.promotion();
        return new GenerationPromoter(
                follower,
                store,
                new GroupProgress(admin),
                () -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                promotion.applicationIdPrefix(),
                kafka.getConsumer().getGroupId(),
                promotion.checkInterval(),
                System::currentTimeMillis,
                registry);
    }

    @Bean("scoreGenerationsHealthIndicator")
    GenerationsHealthIndicator scoreGenerationsHealthIndicator(GenerationFollower follower) {
        return new GenerationsHealthIndicator(follower);
    }
}
