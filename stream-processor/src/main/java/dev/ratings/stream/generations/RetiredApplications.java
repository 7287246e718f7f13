package dev.ratings.stream.generations;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a retired generation's Kafka Streams application left on the broker, once no
 * instance runs it any more: first its consumer group, which the broker deletes only when it has
 * no members (so this is retried until every instance has left), then its internal topics, which a
 * member still running would need. Every instance tries; whichever succeeds first does it, the
 * others find nothing left.
 */
final class RetiredApplications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetiredApplications.class);

    /** Builds the instance once its user can be told of removals. */
    interface Factory {
        RetiredApplications create(Runnable onRemoved);
    }

    private final Admin admin;
    private final LongFunction<String> applicationIds;
    private final Duration retry;
    private final Runnable onRemoved;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final Set<Long> reportedWaiting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "retired-generations"));

    /** @param onRemoved called after a generation's group and topics are gone */
    RetiredApplications(Admin admin, LongFunction<String> applicationIds, Duration retry, Runnable onRemoved) {
        this.admin = admin;
        this.applicationIds = applicationIds;
        this.retry = retry;
        this.onRemoved = onRemoved;
    }

    /** Removes the generation's group and topics, now or as soon as every instance has left it. */
    void remove(long generation) {
        if (pending.add(generation)) {
            executor.execute(() -> attempt(generation));
        }
    }

    /** Whether some retired generation may still be running somewhere. */
    boolean isPending() {
        return !pending.isEmpty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void attempt(long generation) {
        String applicationId = applicationIds.apply(generation);
        try {
            deleteGroup(applicationId);
            deleteInternalTopics(applicationId);
            pending.remove(generation);
            reportedWaiting.remove(generation);
            log.info("Removed the consumer group and internal topics of retired generation {}", generation);
            onRemoved.run();
        } catch (GroupNotEmptyException e) {
            if (reportedWaiting.add(generation)) {
                log.info("Generation {} still runs on another instance; removing it once all have left", generation);
            }
            executor.schedule(() -> attempt(generation), retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            log.warn("Removing retired generation {} failed; trying again in {}", generation, retry, e);
            executor.schedule(() -> attempt(generation), retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteGroup(String applicationId) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.deleteConsumerGroups(Set.of(applicationId)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException notEmpty) {
                throw notEmpty;
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private void deleteInternalTopics(String applicationId)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(applicationId + "-"))
                .collect(Collectors.toSet());
        if (internal.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }
}
