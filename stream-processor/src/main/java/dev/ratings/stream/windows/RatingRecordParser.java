package dev.ratings.stream.windows;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads raw {@code ratings} records: heartbeats and ratings go on to the windows, anything else goes
 * to the dead-letter topic with the reason in its headers.
 *
 * <p>This is a processor rather than a deserialization exception handler because Kafka Streams 4.1's
 * handlers cannot write a record inside the task's transaction; routing here keeps dead letters
 * exactly-once like every other output.
 */
final class RatingRecordParser implements Processor<byte[], byte[], Object, Object> {

    // The header names spring-kafka's DeadLetterPublishingRecoverer writes, so both DLTs read alike.
    static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    private final String windowsNode;
    private final String deadLetterNode;
    private final WindowMetrics metrics;
    private ProcessorContext<Object, Object> context;

    RatingRecordParser(String windowsNode, String deadLetterNode, WindowMetrics metrics) {
        this.windowsNode = windowsNode;
        this.deadLetterNode = deadLetterNode;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (Heartbeat.isHeartbeat(record.headers())) {
            context.forward(record.withKey(null).withValue(RatingLogEntry.Heartbeat.INSTANCE), windowsNode);
            return;
        }
        RatingEvent event;
        try {
            event = EVENTS.deserialize(
                    context.recordMetadata().map(RecordMetadata::topic).orElse(null), record.value());
            if (event == null) {
                throw new SerializationException("the record has no value");
            }
            requireKeyIsPostId(record.key(), event.postId());
        } catch (SerializationException e) {
            deadLetter(record, e);
            return;
        }
        metrics.ratingRead();
        context.forward(record.withKey(event.postId()).withValue(new RatingLogEntry.Rating(event)), windowsNode);
    }

    /** A post's ratings must share a partition, or its windows would be split across tasks. */
    private static void requireKeyIsPostId(byte[] key, long postId) {
        String expected = Long.toString(postId);
        if (key == null || !expected.equals(new String(key, StandardCharsets.UTF_8))) {
            throw new SerializationException("the record key must be the post id " + expected);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, Exception reason) {
        Headers headers = record.headers();
        headers.add(EXCEPTION_FQCN, utf8(reason.getClass().getName()));
        headers.add(EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
        context.recordMetadata().ifPresent(source -> {
            headers.add(ORIGINAL_TOPIC, utf8(source.topic()));
            headers.add(
                    ORIGINAL_PARTITION,
                    ByteBuffer.allocate(Integer.BYTES)
                            .putInt(source.partition())
                            .array());
            headers.add(
                    ORIGINAL_OFFSET,
                    ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
        });
        headers.add(
                ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        context.forward(record, deadLetterNode);
        metrics.deadLettered();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
