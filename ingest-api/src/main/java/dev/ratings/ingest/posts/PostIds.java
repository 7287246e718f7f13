package dev.ratings.ingest.posts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives post ids that were never given before, also after the database was lost or restored from an
 * older copy: the {@code posts} topic, not the database, remembers every id given. Before the first
 * id, the database's sequence is moved above the highest id in the topic (and in the table); after
 * that, an id at or below the highest one known (read from the topic, or given by this instance)
 * means the database is behind, and the sequence is moved above it again before an id is given.
 */
@Component
class PostIds {

    private static final Logger LOG = LoggerFactory.getLogger(PostIds.class);
    private static final int ATTEMPTS = 3;

    /** The database's side: {@code post_ids}. */
    interface Sequence {

        long next();

        /** Moves the sequence so that its next id is above {@code floor} and above the table's ids. */
        void moveAbove(long floor);
    }

    /** The log's side: the highest id in {@code posts}. */
    interface Log {

        long highestId();
    }

    private final Sequence sequence;
    private final Log log;
    private Long highestKnown;
    private long highestInLog;

    PostIds(Sequence sequence, Log log) {
        this.sequence = sequence;
        this.log = log;
    }

    /** Reads the log at start-up already, so that the first post does not wait for it. */
    @EventListener(ApplicationReadyEvent.class)
    void seedAtStartUp() {
        try {
            floor();
        } catch (RuntimeException e) {
            LOG.warn("Could not re-seed post ids at start-up; the first new post tries again: {}", e.toString());
        }
    }

    synchronized long next() {
        long floor = floor();
        long id = sequence.next();
        for (int attempt = 1; id <= floor; attempt++) {
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("post_ids stays at or below " + floor + " after re-seeding");
            }
            LOG.warn(
                    "post_ids gave {} but ids up to {} were given already: the database is behind; re-seeding",
                    id,
                    floor);
            sequence.moveAbove(floor);
            id = sequence.next();
        }
        highestKnown = id;
        return id;
    }

    /** The highest id in the log when it was read (once): what was published before this instance started. */
    synchronized long highestInLog() {
        floor();
        return highestInLog;
    }

    /** The highest id known to be given; read from the log once, then kept up to date here. */
    private synchronized long floor() {
        if (highestKnown == null) {
            long highest = log.highestId();
            sequence.moveAbove(highest);
            LOG.info("Post ids re-seeded above {}, the highest id in the posts topic", highest);
            highestKnown = highest;
            highestInLog = highest;
        }
        return highestKnown;
    }
}
