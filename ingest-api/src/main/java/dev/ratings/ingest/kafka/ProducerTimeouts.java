package dev.ratings.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Splits the send timeout between the producer's two waits, so a send fails within it: {@code
 * max.block.ms} bounds the wait for metadata or buffer space inside {@code send()}, {@code
 * delivery.timeout.ms} bounds everything after (batching, retries, the broker's acknowledgement).
 * Kafka requires {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}.
 */
record ProducerTimeouts(long maxBlockMs, long deliveryTimeoutMs, long requestTimeoutMs) {

    static ProducerTimeouts within(Duration sendTimeout, long lingerMs) {
        long total = sendTimeout.toMillis();
        long maxBlock = total / 3;
        long delivery = total - maxBlock;
        long request = Math.max(1, delivery - lingerMs);
        return new ProducerTimeouts(maxBlock, delivery, request);
    }

    Map<String, Object> asProducerConfig() {
        return Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeoutMs);
    }
}
