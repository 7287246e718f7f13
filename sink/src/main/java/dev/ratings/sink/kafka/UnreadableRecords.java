package dev.ratings.sink.windows;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records of {@code post-rating-windows} that hold no window result: the value could not be
 * deserialized (the {@code ErrorHandlingDeserializer} left it null and put the exception in a
 * header), or there was no value at all. These, and only these, go to the dead-letter topic.
 */
final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    static boolean isUnreadable(ConsumerRecord<?, ?> record) {
        return record.value() == null;
    }

    /** Why the record holds no result; a {@link DeserializationException}, which is never retried. */
    static DeserializationException cause(ConsumerRecord<?, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (failure != null) {
            return failure;
        }
        return new DeserializationException(
                "Record has no value (a tombstone), not a window result", null, false, null);
    }

    static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
