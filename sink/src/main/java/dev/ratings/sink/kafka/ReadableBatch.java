package dev.ratings.sink.kafka;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * How every batch listener of the sink writes: the records up to the first unreadable one are
 * written (in one transaction, by the writer), then that one is reported with {@link
 * BatchListenerFailedException}: the error handler commits up to it, sends it alone to the
 * dead-letter topic and redelivers the rest. If the writer throws, nothing is committed and the
 * whole batch is retried.
 */
public final class ReadableBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReadableBatch.class);

    private ReadableBatch() {}

    /** @param what what a record holds, for messages ("window result", "post") */
    public static <T> void write(List<ConsumerRecord<String, T>> records, String what, Consumer<List<T>> writer) {
        int unreadable = UnreadableRecords.firstUnreadable(records);
        List<ConsumerRecord<String, T>> readable = unreadable < 0 ? records : records.subList(0, unreadable);
        if (!readable.isEmpty()) {
            try {
                writer.accept(readable.stream().map(ConsumerRecord::value).toList());
            } catch (RuntimeException e) {
                throw retried(e, readable.size(), what, readable.get(0));
            }
        }
        if (unreadable >= 0) {
            throw UnreadableRecords.failure(what, records, unreadable);
        }
    }

    /**
     * The same for records read by the listener itself, a chunk at a time: the writer gets the
     * chunks (null after the last) and may write one while the next is read. Reading stops at the
     * first unreadable record, which is reported as above once the chunks before it are written.
     */
    public static <T> void writeInChunks(
            List<ConsumerRecord<String, byte[]>> records,
            String what,
            Deserializer<T> parser,
            int chunkSize,
            Consumer<Supplier<@Nullable List<T>>> writer) {
        ParsedChunks<T> chunks = new ParsedChunks<>(records, parser, chunkSize);
        try {
            writer.accept(chunks::next);
        } catch (RuntimeException e) {
            throw retried(e, Math.max(chunks.read(), 1), what, records.get(0));
        }
        if (chunks.unreadable() >= 0) {
            throw UnreadableRecords.failure(what, records, chunks.unreadable(), chunks.failure());
        }
    }

    private static RuntimeException retried(RuntimeException e, int records, String what, ConsumerRecord<?, ?> first) {
        // spring-kafka logs whole-batch retries at DEBUG only: say here why consumption stalls
        LOG.warn(
                "Writing {} records ({}) from {} failed; the batch will be retried: {}",
                records,
                what,
                UnreadableRecords.describe(first),
                NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return e;
    }
}
