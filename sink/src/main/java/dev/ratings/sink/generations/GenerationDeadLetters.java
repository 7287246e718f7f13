package dev.ratings.sink.generations;

import dev.ratings.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Sends unreadable {@code score-generations} records (not JSON, not a valid event) to {@code
 * score-generations.DLT} and counts them; refuses any other record, which is then consumed again.
 */
final class GenerationDeadLetters implements ConsumerAwareRecordRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationDeadLetters.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final Counter deadLetters;

    GenerationDeadLetters(DeadLetterPublishingRecoverer publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.deadLetters = Counter.builder("ratings.sink.dead.letters")
                .tag("topic", Topics.deadLetter(Topics.SCORE_GENERATIONS))
                .description("Unreadable records sent to the dead-letter topic")
                .register(registry);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (!unreadable(exception)) {
            throw new IllegalStateException(
                    "Not dead-lettering readable generation event " + where + "; it will be consumed again", exception);
        }
        publisher.accept(record, consumer, exception);
        deadLetters.increment();
        LOG.warn(
                "Sent unreadable record {} to the dead-letter topic: {}",
                where,
                NestedExceptionUtils.getMostSpecificCause(exception).getMessage());
    }

    /** The container reports a value the deserializer refused as a (wrapped) DeserializationException. */
    private static boolean unreadable(@Nullable Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
