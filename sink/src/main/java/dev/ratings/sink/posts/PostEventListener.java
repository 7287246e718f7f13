package dev.ratings.sink.posts;

import dev.ratings.contract.PostEvent;
import dev.ratings.contract.Topics;
import dev.ratings.sink.kafka.ReadableBatch;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code posts} in batches into the {@code posts} table; offsets are committed after the
 * statement, and an unreadable record goes alone to the dead-letter topic, by index.
 */
@Component
class PostEventListener {

    static final String ID = "ratings-sink-posts";

    private final PostWriter writer;

    PostEventListener(PostWriter writer) {
        this.writer = writer;
    }

    @KafkaListener(
            id = ID,
            groupId = PostConsumerConfiguration.GROUP_ID,
            topics = Topics.POSTS,
            containerFactory = PostConsumerConfiguration.FACTORY)
    void onBatch(List<ConsumerRecord<String, PostEvent>> records) {
        ReadableBatch.write(records, "posts", writer::write);
    }
}
