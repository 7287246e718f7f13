package dev.ratings.ingest.posts;

import dev.ratings.contract.Topics;
import dev.ratings.ingest.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The highest post id in {@code posts}, read from the tail of each partition. Ids are given in
 * increasing order and published at once, so the highest id of a partition is among its last
 * records: only posts created concurrently (within one send timeout) land out of order, far fewer
 * than {@value #TAIL}. Compaction never removes a post (each key is written once).
 */
@Component
class PostLog implements PostIds.Log {

    static final int TAIL = 1_000;
    private final Map<String, Object> config;
    private final Duration deadline;

    /** Each step waits at most the send timeout: a post must not wait longer for this than for its ack. */
    PostLog(KafkaProperties kafka, KafkaSettings settings) {
        this.deadline = settings.sendTimeout();
        this.config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-api-post-ids");
    }

    @Override
    public long highestId() {
        try (Consumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.POSTS, deadline).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, deadline);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(starts.get(partition), ends.get(partition) - TAIL));
            }
            return highestUpToEnds(consumer, ends);
        }
    }

    private long highestUpToEnds(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        long highest = 0;
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > giveUpAt) {
                throw new TimeoutException("could not read the end of " + Topics.POSTS + " within " + deadline);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                highest = Math.max(highest, idOf(record));
            }
        }
        return highest;
    }

    private static long idOf(ConsumerRecord<String, byte[]> record) {
        try {
            return Long.parseLong(record.key());
        } catch (NumberFormatException e) {
            return 0; // not a post: it went to the dead-letter topic of the sink
        }
    }
}
