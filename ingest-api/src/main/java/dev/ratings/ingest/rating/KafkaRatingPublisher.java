package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes to {@code ratings}, keyed by post id so one post's ratings stay in order on one
 * partition, with the record timestamp set to {@code acceptedAt}: the stream processor windows by
 * it, and the 202 shows the same instant.
 */
@Component
class KafkaRatingPublisher implements RatingIntake.Publisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaRatingPublisher.class);

    private final KafkaTemplate<String, RatingEvent> template;
    private final Counter published;
    private final Timer acknowledgement;
    private final MeterRegistry meters;

    KafkaRatingPublisher(KafkaTemplate<String, RatingEvent> template, MeterRegistry meters) {
        this.template = template;
        this.meters = meters;
        this.published = Counter.builder("ratings.published")
                .description("Ratings acknowledged by Kafka")
                .register(meters);
        this.acknowledgement = Timer.builder("ratings.publish.latency")
                .description(
                        "Time from sending a rating to Kafka's answer, acknowledged or not: most of a 202's latency")
                .publishPercentileHistogram()
                .register(meters);
        failures("none");
    }

    @Override
    public CompletableFuture<Void> publish(RatingEvent event) {
        ProducerRecord<String, RatingEvent> record =
                new ProducerRecord<>(Topics.RATINGS, null, event.acceptedAt(), Long.toString(event.postId()), event);
        CompletableFuture<SendResult<String, RatingEvent>> sent;
        try {
            sent = template.send(record);
        } catch (RuntimeException e) {
            // send() itself throws when metadata or buffer space did not come within max.block.ms
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Timer.Sample sending = Timer.start(meters);
        sent.whenComplete((result, error) -> {
            sending.stop(acknowledgement);
            if (error == null) {
                published.increment();
                acknowledged.complete(null);
                return;
            }
            Throwable cause = rootOf(error);
            failures(cause.getClass().getSimpleName()).increment();
            log.warn(
                    "Kafka did not acknowledge rating {} of post {}: {}",
                    event.ratingId(),
                    event.postId(),
                    cause.toString());
            acknowledged.completeExceptionally(cause);
        });
        return acknowledged;
    }

    /**
     * What Kafka said, without the wrappers: spring-kafka wraps a send that failed inside {@code
     * send()} (say, no metadata within {@code max.block.ms}) in a {@code KafkaException("Send
     * failed")}, which would make every such failure look alike in the metric.
     */
    private static Throwable rootOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof KafkaException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Counter failures(String reason) {
        return Counter.builder("ratings.publish.failures")
                .description("Ratings Kafka did not acknowledge in time; the client got 503")
                .tag("reason", reason)
                .register(meters);
    }
}
