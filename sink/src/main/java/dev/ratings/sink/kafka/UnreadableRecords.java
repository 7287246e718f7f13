package dev.ratings.sink.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
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

    /**
     * The same for a record whose value the listener reads itself from its bytes: unreadable if it
     * has none or if {@code parser} cannot read them, which depends on the bytes alone, so the
     * recoverer decides as the listener did. The error handler's failure would not do: once retries
     * are over it hands every record of the batch to the recoverer with the same exception.
     */
    public static boolean isUnreadable(ConsumerRecord<?, ?> record, Deserializer<?> parser) {
        if (!(record.value() instanceof byte[] bytes)) {
            return isUnreadable(record);
        }
        try {
            return parser.deserialize(record.topic(), record.headers(), bytes) == null;
        } catch (RuntimeException e) {
            return true;
        }
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
        return failure(what, records, index, cause(records.get(index)));
    }

    /** The same, for a record the listener read itself and found unreadable. */
    static BatchListenerFailedException failure(
            String what, List<? extends ConsumerRecord<?, ?>> records, int index, DeserializationException cause) {
        return new BatchListenerFailedException(
                "Unreadable " + what + " " + describe(records.get(index)), cause, index);
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
