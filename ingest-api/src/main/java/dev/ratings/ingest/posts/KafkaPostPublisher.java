package dev.ratings.ingest.posts;

import dev.ratings.contract.PostEvent;
import dev.ratings.contract.Topics;
import dev.ratings.ingest.kafka.KafkaSettings;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes to {@code posts}, keyed by post id, with the record timestamp set to {@code createdAt},
 * and waits for the acknowledgement: the producer gives up within the send timeout, so the wait is
 * bounded by it (plus a second, as a backstop).
 */
@Component
class KafkaPostPublisher implements PostCreation.Publisher {

    private final KafkaTemplate<String, PostEvent> template;
    private final long waitMs;

    KafkaPostPublisher(KafkaTemplate<String, PostEvent> template, KafkaSettings settings) {
        this.template = template;
        this.waitMs = settings.sendTimeout().toMillis() + 1_000;
    }

    @Override
    public void publish(PostEvent post) throws PostCreation.NotPublished {
        var record = new ProducerRecord<>(Topics.POSTS, null, post.createdAt(), Long.toString(post.id()), post);
        try {
            template.send(record).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostCreation.NotPublished(e);
        } catch (ExecutionException e) {
            throw new PostCreation.NotPublished(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            // send() itself throws when metadata did not come within max.block.ms
            throw new PostCreation.NotPublished(e);
        }
    }
}
