package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code score-generations} topic: the latest event of every generation, and appending to it. */
public final class GenerationLog {

    private static final Logger log = LoggerFactory.getLogger(GenerationLog.class);
    private static final JsonSerde<GenerationEvent> EVENTS = JsonSerde.of(GenerationEvent.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.SCORE_GENERATIONS, 0);

    private final Map<String, Object> consumerConfig;
    private final Producer<String, byte[]> producer;

    public GenerationLog(Map<String, Object> consumerConfig, Producer<String, byte[]> producer) {
        this.consumerConfig = consumerConfig;
        this.producer = producer;
    }

    /** Reads the topic to its end: generation → its latest event. */
    Map<Long, GenerationEvent> readAll() {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<Long, GenerationEvent> latest = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            while (consumer.position(PARTITION) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read(record).ifPresent(event -> latest.put(event.generation(), event));
                }
            }
        }
        return latest;
    }

    /** A record nobody can read must not keep the service from starting: it is skipped, loudly. */
    private static Optional<GenerationEvent> read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EVENTS.deserialize(record.topic(), record.value()));
        } catch (SerializationException e) {
            log.warn(
                    "Skipping unreadable record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Appends and waits for the broker's acknowledgement: the change has happened once this returns. */
    void append(GenerationEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.SCORE_GENERATIONS, 0, Long.toString(event.generation()), EVENTS.serialize(null, event));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording " + event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record " + event, e);
        }
    }
}
