package dev.ratings.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Splits the send timeout between the producer's two waits, so a send fails within it: {@code
 * max.block.ms} bounds the wait for metadata or buffer space inside {@code send()}, {@code
 * delivery.timeout.ms} bounds everything after (batching, retries, the broker's acknowledgement).
 * Kafka requires {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}.
 *
 * <p>{@code max.block.ms} holds the request thread, and a running producer has its metadata, so it
 * gets a third of the budget but at most {@value #MAX_BLOCK_CAP_MS} ms. The delivery gets the rest:
 * it must outlast a leader's failover, when the partitions of a killed broker have no leader until
 * the controller fences it (longer when that broker was the controller: a new one is elected first).
 */
record ProducerTimeouts(long maxBlockMs, long deliveryTimeoutMs, long requestTimeoutMs) {

    static final long MAX_BLOCK_CAP_MS = 1_000;

    static ProducerTimeouts within(Duration sendTimeout, long lingerMs) {
        long total = sendTimeout.toMillis();
        long maxBlock = Math.min(total / 3, MAX_BLOCK_CAP_MS);
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
