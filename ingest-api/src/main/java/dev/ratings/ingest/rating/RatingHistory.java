package dev.ratings.ingest.rating;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@code ratings} topic read from its beginning to where it ended when the read started, in log
 * order per partition; heartbeats and unreadable records are skipped.
 */
final class RatingHistory {

    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    private final Map<String, Object> consumerConfig;

    RatingHistory(Map<String, Object> consumerConfig) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumerConfig = config;
    }

    /** Hands every rating event to {@code each}; returns how many records were read. */
    long forEach(Consumer<RatingEvent> each) {
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATINGS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition)
                            && record.value() != null
                            && !Heartbeat.isHeartbeat(record.headers())) {
                        read(record).ifPresent(each);
                    }
                }
            }
        }
        return records;
    }

    /** An unreadable record is the stream processor's dead letter; here it is simply not a rating. */
    private static Optional<RatingEvent> read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.of(EVENTS.deserialize(record.topic(), record.value()));
        } catch (SerializationException e) {
            return Optional.empty();
        }
    }
}
