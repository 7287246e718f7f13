package dev.ratings.sink.windows;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends unreadable records to the dead-letter topic and counts them; refuses any other record.
 *
 * <p>The error handler calls its recoverer per record, and after a whole-batch retry (database
 * down) it would call it for every record of the batch. A readable result must never end up in the
 * dead-letter topic instead of the database: refusing it makes the error handler seek back, and
 * the batch is consumed again.
 */
final class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final Counter deadLetters;

    DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, String topic, MeterRegistry registry) {
        this.publisher = publisher;
        this.deadLetters = Counter.builder("ratings.sink.dead.letters")
                .tag("topic", topic)
                .description("Unreadable records sent to the dead-letter topic")
                .register(registry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
        if (!UnreadableRecords.isUnreadable(record)) {
            throw new IllegalStateException(
                    "Not dead-lettering readable window result " + UnreadableRecords.describe(record)
                            + "; it will be consumed again",
                    exception);
        }
        publisher.accept(record, consumer, exception);
        deadLetters.increment();
        LOG.warn(
                "Sent unreadable record {} to the dead-letter topic: {}",
                UnreadableRecords.describe(record),
                UnreadableRecords.reason(record));
    }
}
