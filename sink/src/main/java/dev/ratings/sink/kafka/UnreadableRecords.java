package dev.ratings.sink.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records that hold no value to write: the value could not be deserialized (the {@code
 * ErrorHandlingDeserializer} left it null and put the exception in a header), or there was no value
 * at all. These, and only these, go to the dead-letter topic.
 */
public final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    public static boolean isUnreadable(ConsumerRecord<?, ?> record) {
        return record.value() == null;
    }

    /** The index of the first unreadable record of a batch, or -1. */
    static int firstUnreadable(List<? extends ConsumerRecord<?, ?>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (isUnreadable(records.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reports the unreadable record at {@code index} to the error handler, which commits up to it,
     * sends it alone to the dead-letter topic and redelivers the rest of the batch.
     */
    static BatchListenerFailedException failure(String what, List<? extends ConsumerRecord<?, ?>> records, int index) {
        ConsumerRecord<?, ?> record = records.get(index);
        return new BatchListenerFailedException("Unreadable " + what + " " + describe(record), cause(record), index);
    }

    /** Why the record holds no value; a {@link DeserializationException}, which is never retried. */
    static DeserializationException cause(ConsumerRecord<?, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (failure != null) {
            return failure;
        }
        return new DeserializationException("Record has no value (a tombstone)", null, false, null);
    }

    static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
