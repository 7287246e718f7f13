package dev.ratings.sink.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * A batch of raw records read a chunk at a time, so that a writer can write one chunk while the
 * next is read. Reading stops before the first record that holds no value or cannot be read:
 * everything before it is handed out, nothing after it.
 */
final class ParsedChunks<T> {

    private final List<ConsumerRecord<String, byte[]>> records;
    private final Deserializer<T> parser;
    private final int chunkSize;
    private int next;
    private int unreadable = -1;
    private @Nullable DeserializationException failure;

    ParsedChunks(List<ConsumerRecord<String, byte[]>> records, Deserializer<T> parser, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        this.records = records;
        this.parser = parser;
        this.chunkSize = chunkSize;
    }

    /** The next values in order, at most a chunk of them; null once all are read or an unreadable one is met. */
    @Nullable
    List<T> next() {
        List<T> chunk = new ArrayList<>(Math.min(chunkSize, records.size() - next));
        while (unreadable < 0 && next < records.size() && chunk.size() < chunkSize) {
            ConsumerRecord<String, byte[]> record = records.get(next);
            T value = parse(record);
            if (value == null) {
                unreadable = next;
            } else {
                chunk.add(value);
                next++;
            }
        }
        return chunk.isEmpty() ? null : chunk;
    }

    /** Records handed out so far. */
    int read() {
        return next;
    }

    /** The index of the unreadable record reading stopped at, or -1. */
    int unreadable() {
        return unreadable;
    }

    /** Why the record at {@link #unreadable()} could not be read. */
    DeserializationException failure() {
        if (failure == null) {
            throw new IllegalStateException("no unreadable record");
        }
        return failure;
    }

    private @Nullable T parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            failure = UnreadableRecords.cause(record);
            return null;
        }
        try {
            T value = parser.deserialize(record.topic(), record.headers(), record.value());
            if (value == null) {
                failure = new DeserializationException("Read no value", record.value(), false, null);
            }
            return value;
        } catch (RuntimeException e) {
            // as spring-kafka's ErrorHandlingDeserializer does when reading in the consumer
            failure = new DeserializationException("failed to deserialize", record.value(), false, e);
            return null;
        }
    }
}
