package dev.ratings.sink.generations;

import dev.ratings.contract.Topics;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.stereotype.Component;

/**
 * The id of the {@code score-generations} topic on the broker, which tells one log from another: a
 * new Kafka (or the topic created again) starts its generation numbers at 1 again, and the database
 * must then start afresh rather than take them for the generations it knows.
 */
@Component
class LogIdentity {

    private final Admin admin;
    private volatile String known;

    LogIdentity(Admin admin) {
        this.admin = admin;
    }

    /** The id, asked of the broker the first time. */
    String topicId() {
        String id = known;
        return id != null ? id : refresh();
    }

    /** Asks the broker again. */
    String refresh() {
        try {
            known = admin.describeTopics(Set.of(Topics.SCORE_GENERATIONS))
                    .topicNameValues()
                    .get(Topics.SCORE_GENERATIONS)
                    .get(30, TimeUnit.SECONDS)
                    .topicId()
                    .toString();
            return known;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the id of " + Topics.SCORE_GENERATIONS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the id of " + Topics.SCORE_GENERATIONS, e);
        }
    }

    /** Whether the database's log is the broker's, asking the broker again before saying no. */
    boolean isCurrent(String topicId) {
        return topicId.equals(topicId()) || topicId.equals(refresh());
    }
}
