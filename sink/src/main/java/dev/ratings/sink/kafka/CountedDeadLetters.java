package dev.ratings.sink.kafka;

import dev.ratings.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * The listeners' recoverer: a record the listener could not read goes to its topic's dead-letter
 * topic and is counted. Any other record is refused, so the error handler seeks back and it is
 * consumed again: the error handler also calls the recoverer for readable records once their
 * retries are over (database down), and those must never end up in the dead-letter topic instead of
 * the database.
 */
public final class CountedDeadLetters implements ConsumerAwareRecordRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger(CountedDeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final BiPredicate<ConsumerRecord<?, ?>, @Nullable Exception> unreadable;
    private final Counter deadLetters;

    /**
     * @param unreadable whether a record is one the listener could not read, given the failure the
     *     error handler saw
     */
    public CountedDeadLetters(
            KafkaTemplate<String, byte[]> template,
            String topic,
            MeterRegistry registry,
            BiPredicate<ConsumerRecord<?, ?>, @Nullable Exception> unreadable) {
        // spring-kafka's default destination is "<topic>-dlt" on the same partition; the contract's
        // is "<topic>.DLT", which has one partition: let the producer choose (-1). The value goes as
        // the bytes that were read.
        this.publisher = new DeadLetterPublishingRecoverer(
                template, (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        this.unreadable = unreadable;
        this.deadLetters = Counter.builder("ratings.sink.dead.letters")
                .tag("topic", Topics.deadLetter(topic))
                .description("Unreadable records sent to the dead-letter topic")
                .register(registry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (!unreadable.test(record, exception)) {
            throw new IllegalStateException(
                    "Not dead-lettering readable record " + where + "; it will be consumed again", exception);
        }
        publisher.accept(record, consumer, exception);
        deadLetters.increment();
        LOG.warn(
                "Sent unreadable record {} to the dead-letter topic: {}",
                where,
                exception == null
                        ? "no reason given"
                        : NestedExceptionUtils.getMostSpecificCause(exception).getMessage());
    }

    /**
     * The error handler of a batch listener whose unreadable records go to {@code <topic>.DLT}. An
     * unreadable record is never retried (its {@code DeserializationException} is fatal): it goes to
     * the dead-letter topic at once. Any other failure is the database's, so the batch is retried
     * until it is written: dead-lettering good records would lose them, and the consumer lag metric
     * shows the stall.
     */
    public static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, byte[]> template, String topic, MeterRegistry registry, BackOff backOff) {
        return errorHandler(
                template, topic, registry, backOff, (record, failure) -> UnreadableRecords.isUnreadable(record));
    }

    /**
     * The same, for a listener that reads the values itself: {@code unreadable} tells its unreadable
     * records from the record alone, never from the failure (see {@link UnreadableRecords}).
     */
    public static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, byte[]> template,
            String topic,
            MeterRegistry registry,
            BackOff backOff,
            BiPredicate<ConsumerRecord<?, ?>, @Nullable Exception> unreadable) {
        DefaultErrorHandler handler =
                new DefaultErrorHandler(new CountedDeadLetters(template, topic, registry, unreadable), backOff);
        // after a dead letter, the rest of the batch is polled again (seek): handing it back from
        // memory instead would let the container commit past records not yet written, as it commits
        // the consumer's position to get past transaction markers. The seek is reported by throwing;
        // logged at DEBUG, since the recoverer and the listener log what happened
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }
}
