package dev.ratings.ingest.posts;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The {@code total} of the post list without a {@code count(*)} per list call: counted at most once
 * per {@link #MAX_AGE} by one request while the others keep the last count. So a total is at most
 * that old (plus the count's own time), per instance.
 */
@Component
final class PostCount {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Counted(long total, long atMillis) {}

    private final PostRepository posts;
    private final Clock clock;
    private final ReentrantLock counting = new ReentrantLock();
    private volatile Counted last;

    PostCount(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    long total() {
        Counted counted = last;
        if (counted != null && fresh(counted)) {
            return counted.total();
        }
        if (counted != null) {
            if (!counting.tryLock()) {
                return counted.total(); // someone is counting: the last total will do until then
            }
        } else {
            counting.lock(); // the first count: everyone waits for it
        }
        try {
            counted = last;
            if (counted == null || !fresh(counted)) {
                counted = new Counted(posts.count(), clock.millis());
                last = counted;
            }
            return counted.total();
        } finally {
            counting.unlock();
        }
    }

    private boolean fresh(Counted counted) {
        return clock.millis() - counted.atMillis() < MAX_AGE.toMillis();
    }
}
