package dev.ratings.stream;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Producer settings for the records the service writes outside Kafka Streams: acknowledged by all replicas, never twice. */
public final class ReliableProducers {

    private ReliableProducers() {}

    public static Map<String, Object> config(KafkaProperties kafka, String clientId) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
