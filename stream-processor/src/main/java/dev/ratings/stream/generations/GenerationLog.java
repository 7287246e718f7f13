package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.serialization.StringDeserializer;

/** The {@code score-generations} topic: the latest event of every generation, and appending to it. */
public final class GenerationLog {

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
        try (KafkaConsumer<String, GenerationEvent> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), EVENTS)) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
            while (consumer.position(PARTITION) < end) {
                for (ConsumerRecord<String, GenerationEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(record.value().generation(), record.value());
                }
            }
        }
        return latest;
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
