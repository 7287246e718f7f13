package dev.ratings.stream.heartbeat;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a heartbeat to each idle partition of {@code ratings} whose next window is due, so windows
 * close within a heartbeat interval of their end plus grace even when no rating arrives.
 *
 * <p>Time is moved on through the log rather than by a wall-clock punctuator, so a replay of the
 * log meets the same heartbeats at the same places and closes the same windows.
 */
public final class HeartbeatPublisher {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final PartitionClocks clocks;
    private final Duration interval;
    private final LongSupplier wallClock;

    public HeartbeatPublisher(
            Producer<byte[], byte[]> producer, PartitionClocks clocks, Duration interval, LongSupplier wallClock) {
        this.producer = producer;
        this.clocks = clocks;
        this.interval = interval;
        this.wallClock = wallClock;
    }

    /** Called every interval. */
    public void beat() {
        Set<Integer> partitions = clocks.partitionsNeedingHeartbeat(interval.toMillis());
        for (int partition : partitions) {
            long now = wallClock.getAsLong();
            byte[] value = ("{\"heartbeat\":" + now + "}").getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.RATINGS, partition, now, null, value);
            Heartbeat.mark(record.headers());
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    log.warn(
                            "Heartbeat to {}-{} failed; retrying next interval: {}",
                            Topics.RATINGS,
                            partition,
                            error.toString());
                }
            });
        }
    }
}
