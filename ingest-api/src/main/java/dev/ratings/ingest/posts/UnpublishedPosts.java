package dev.ratings.ingest.posts;

import dev.ratings.contract.PostEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes the posts that are in the table but not in the {@code posts} topic: those created
 * before posts were events (the topic starts empty), so that a later loss of the database does not
 * lose them. Ids are published in increasing order, so a row above the highest id in the topic was
 * never published. Run at start-up by every instance; publishing a post twice writes the same
 * record again, which compaction and the sink's idempotent insert make harmless.
 */
@Component
class UnpublishedPosts {

    private static final Logger LOG = LoggerFactory.getLogger(UnpublishedPosts.class);
    static final int BATCH = 500;

    private final PostRepository posts;
    private final PostIds ids;
    private final PostCreation.Publisher publisher;

    /** Takes the highest published id from {@link PostIds}, which reads the topic's tail once for both. */
    UnpublishedPosts(PostRepository posts, PostIds ids, PostCreation.Publisher publisher) {
        this.posts = posts;
        this.ids = ids;
        this.publisher = publisher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishAtStartUp() {
        try {
            long published = publish();
            if (published > 0) {
                LOG.info("Published {} posts that were only in the database to the posts topic", published);
            }
        } catch (RuntimeException | PostCreation.NotPublished e) {
            LOG.warn(
                    "Could not publish the posts that are only in the database; the next start tries again: {}",
                    e.toString());
        }
    }

    /** Returns how many posts it published. */
    long publish() throws PostCreation.NotPublished {
        long after = ids.highestInLog();
        long published = 0;
        for (List<PostEvent> batch = posts.after(after, BATCH); !batch.isEmpty(); batch = posts.after(after, BATCH)) {
            for (PostEvent post : batch) {
                publisher.publish(post);
                published++;
                after = post.id();
            }
        }
        return published;
    }
}
