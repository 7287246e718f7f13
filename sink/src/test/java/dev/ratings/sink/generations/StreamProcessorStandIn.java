package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreApplications;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the sink's generation tests need of a stream processor, on the broker: the events it writes
 * ({@code CURRENT(1)} on an empty log, {@code BUILDING(n)}), window results, and how far each
 * generation's Kafka Streams group has read {@code ratings}.
 */
final class StreamProcessorStandIn implements AutoCloseable {

    private static final JsonSerde<GenerationEvent> EVENTS = JsonSerde.of(GenerationEvent.class);

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> raw;
    private final KafkaProducer<String, WindowResult> results;

    StreamProcessorStandIn(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.raw = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
        this.results = new KafkaProducer<>(producer, new StringSerializer(), JsonSerde.of(WindowResult.class));
    }

    static GenerationEvent event(long generation, GenerationState state) {
        return new GenerationEvent(generation, state, ScoreParameters.DEFAULTS, 10_000, System.currentTimeMillis());
    }

    /** One record on each partition of {@code ratings} if it is empty, so a replay is behind until its group has read them. */
    void ensureRatings() {
        if (endOf(Topics.RATINGS).values().stream().anyMatch(end -> end > 0)) {
            return;
        }
        for (TopicPartition partition : endOf(Topics.RATINGS).keySet()) {
            await(raw.send(new ProducerRecord<>(Topics.RATINGS, partition.partition(), "1", new byte[0])));
        }
    }

    void emit(GenerationEvent event) {
        await(raw.send(GenerationRecords.record(event)));
    }

    void emitRaw(String key, byte[] value) {
        await(raw.send(new ProducerRecord<>(Topics.SCORE_GENERATIONS, key, value)));
    }

    void produce(List<WindowResult> toProduce) {
        for (WindowResult result : toProduce) {
            await(results.send(
                    new ProducerRecord<>(Topics.POST_RATING_WINDOWS, Long.toString(result.postId()), result)));
        }
    }

    /** Commits the generation's Kafka Streams group at the end of {@code ratings}: it has read everything. */
    void catchUp(long generation) {
        catchUp(generation, Topics.RATINGS);
    }

    /** Commits the generation's Kafka Streams group at the end of one of the topics it reads. */
    void catchUp(long generation, String topic) {
        Map<TopicPartition, OffsetAndMetadata> ends = endOf(topic).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue())));
        await(admin.alterConsumerGroupOffsets(applicationId(generation), ends).all());
    }

    /** A repartition topic of the generation's application holding one record its group has not read. */
    String repartitionWithAnUnreadRecord(long generation) {
        String topic = applicationId(generation) + "-by-user-repartition";
        await(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all());
        await(raw.send(new ProducerRecord<>(topic, "user", new byte[0])));
        return topic;
    }

    private static String applicationId(long generation) {
        return ScoreApplications.applicationId(ScoreApplications.DEFAULT_PREFIX, generation);
    }

    /** The committed events of one generation in one state, in log order. */
    List<GenerationEvent> logged(long generation, GenerationState state) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<GenerationEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(GenerationRecords.PARTITION));
            consumer.seekToBeginning(List.of(GenerationRecords.PARTITION));
            long end = consumer.endOffsets(List.of(GenerationRecords.PARTITION)).get(GenerationRecords.PARTITION);
            while (consumer.position(GenerationRecords.PARTITION) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        GenerationEvent event = EVENTS.deserialize(record.topic(), record.value());
                        if (event.generation() == generation && event.state() == state) {
                            found.add(event);
                        }
                    } catch (RuntimeException unreadable) {
                        // some tests write unreadable records on purpose
                    }
                }
            }
        }
        return found;
    }

    Map<TopicPartition, Long> endOf(String topic) {
        Map<TopicPartition, OffsetSpec> latest =
                await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                partition -> new TopicPartition(topic, partition.partition()),
                                partition -> OffsetSpec.latest()));
        return await(admin.listOffsets(latest).all()).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, end -> end.getValue().offset()));
    }

    @Override
    public void close() {
        raw.close();
        results.close();
        admin.close();
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not answer", e);
        }
    }
}
