package dev.ratings.ingest.posts;

import dev.ratings.contract.DatabaseRebuild;
import dev.ratings.ingest.web.ProblemException;
import dev.ratings.ingest.web.RetryAfter;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses reads of the database while the sink rebuilds it from Kafka (see {@link
 * DatabaseRebuild}): the tables are filling up, so what they show is not yet what there is. A 503
 * with {@code Retry-After}, like a database that is down. Looked up at most once a second, so a
 * read costs nothing more in the usual case.
 */
@Component
public class DatabaseRebuildGate {

    static final Duration RECHECK = Duration.ofSeconds(1);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final LongSupplier nanoClock;
    private long checkedAt;
    private boolean checked;
    private boolean inProgress;

    @Autowired
    DatabaseRebuildGate(JdbcClient jdbc) {
        this(jdbc, System::nanoTime);
    }

    DatabaseRebuildGate(JdbcClient jdbc, LongSupplier nanoClock) {
        this.jdbc = jdbc;
        this.nanoClock = nanoClock;
    }

    /** @throws ProblemException 503 while the database is being rebuilt */
    public void requireComplete() {
        if (inProgress()) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "database: being rebuilt from Kafka; retry in " + RetryAfter.seconds(RETRY_AFTER) + " s",
                    null,
                    RETRY_AFTER);
        }
    }

    private synchronized boolean inProgress() {
        long now = nanoClock.getAsLong();
        if (!checked || now - checkedAt >= RECHECK.toNanos()) {
            inProgress =
                    jdbc.sql(DatabaseRebuild.IN_PROGRESS).query(Boolean.class).single();
            checked = true;
            checkedAt = now;
        }
        return inProgress;
    }
}
