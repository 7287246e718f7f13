package dev.ratings.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic holds of committed records, read from its start by a new group until it is quiet. */
public final class CommittedRecords {

    private CommittedRecords() {}

    public static <V> List<V> values(String bootstrapServers, String topic, Deserializer<V> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "read-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            int quietPolls = 0;
            while (quietPolls < 3) {
                var records = consumer.poll(Duration.ofMillis(300));
                quietPolls = records.isEmpty() ? quietPolls + 1 : 0;
                records.forEach(record -> found.add(record.value()));
            }
        }
        return found;
    }
}
