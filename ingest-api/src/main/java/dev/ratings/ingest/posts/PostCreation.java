package dev.ratings.ingest.posts;

import dev.ratings.contract.PostEvent;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Creating a post: a new id, the post published to {@code posts} (the source of truth) and, once
 * Kafka has acknowledged it, written to the table at once so that it can be read and rated right
 * after the 201. The sink writes the same row from the topic (idempotently), which is also how the
 * table is rebuilt.
 */
@Component
class PostCreation {

    private static final Logger LOG = LoggerFactory.getLogger(PostCreation.class);

    interface Publisher {

        /** Returns once Kafka has acknowledged the post; throws if it did not within the send timeout. */
        void publish(PostEvent post) throws NotPublished;
    }

    /** Kafka did not acknowledge the post: it does not exist. */
    static final class NotPublished extends Exception {
        NotPublished(Throwable cause) {
            super(cause == null ? "no cause" : cause.toString(), cause);
        }
    }

    private final PostIds ids;
    private final Publisher publisher;
    private final PostRepository posts;
    private final KnownPosts knownPosts;
    private final Clock clock;

    PostCreation(PostIds ids, Publisher publisher, PostRepository posts, KnownPosts knownPosts, Clock clock) {
        this.ids = ids;
        this.publisher = publisher;
        this.posts = posts;
        this.knownPosts = knownPosts;
        this.clock = clock;
    }

    Post create(String title, String body, String authorId) throws NotPublished {
        long id;
        try {
            id = ids.next();
        } catch (KafkaException e) {
            throw new NotPublished(e); // the highest id in the log could not be read: no id is safe
        }
        PostEvent event = new PostEvent(id, title, body, authorId, clock.millis());
        publisher.publish(event);
        try {
            posts.insert(event);
        } catch (DataAccessException e) {
            // the post exists (it is in the log): the sink writes its row as soon as it can
            LOG.warn(
                    "Post {} is in Kafka but not yet in PostgreSQL; the sink will write it: {}",
                    event.id(),
                    e.toString());
        }
        knownPosts.add(event.id());
        return new Post(event.id(), title, body, Instant.ofEpochMilli(event.createdAt()), null);
    }
}
