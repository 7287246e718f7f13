package dev.ratings.stream.streams;

import dev.ratings.stream.streams.LostInstances.ThreadTransaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the open transactions of a killed instance as soon as its group has dropped it. Under
 * exactly-once v2 the instance that takes its tasks over writes with its own transactional id, so
 * nothing fences the dead one's: it stays open until the broker times it out (the transaction
 * timeout, a minute here because closing a big window is one transaction), and every {@code
 * read_committed} reader of a partition it wrote to — the sink on {@code post-rating-windows}, the
 * decay stage on its repartition topic — is held at its first record, windows of live instances
 * included (issue 10: 68 s from a window's end to PostgreSQL after kill -9 of one of two).
 * Fencing its transactional id aborts it at once; a live instance, even one busy closing a big
 * window for longer than a session, is still a member and is never touched. Every instance checks;
 * fencing twice is harmless.
 */
public final class LostInstanceFencing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LostInstanceFencing.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Predicate<String> isApplicationId;
    private final Duration openLongerThan;
    private final Duration interval;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "lost-instance-fencing"));

    /**
     * @param openLongerThan only transactions open this long are looked at: the session timeout,
     *     after which a dead member has left its group (a live one commits every commit interval)
     * @param interval how often to look
     */
    public LostInstanceFencing(
            Admin admin, Predicate<String> isApplicationId, Duration openLongerThan, Duration interval) {
        this.admin = admin;
        this.isApplicationId = isApplicationId;
        this.openLongerThan = openLongerThan;
        this.interval = interval;
    }

    public void start() {
        executor.scheduleWithFixedDelay(
                this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void checkSafely() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Looking for open transactions of lost instances failed; trying again in {}", interval, e);
        }
    }

    /** Fences the transactional ids of lost instances; returns them. */
    List<String> check() throws InterruptedException, ExecutionException, TimeoutException {
        List<ThreadTransaction> open = admin
                .listTransactions(new ListTransactionsOptions()
                        .filterStates(Set.of(TransactionState.ONGOING))
                        .filterOnDuration(openLongerThan.toMillis()))
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .stream()
                .map(listing -> LostInstances.parse(listing.transactionalId(), isApplicationId))
                .flatMap(Optional::stream)
                .toList();
        if (open.isEmpty()) {
            return List.of();
        }
        Set<String> applications =
                open.stream().map(ThreadTransaction::applicationId).collect(Collectors.toSet());
        List<String> orphans = LostInstances.orphans(open, memberClientIds(applications));
        if (!orphans.isEmpty()) {
            admin.fenceProducers(orphans).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info(
                    "Fenced {}: transactions open for more than {} of instances no longer in their group"
                            + " (killed?), which held read_committed readers back",
                    orphans,
                    openLongerThan);
        }
        return orphans;
    }

    private Map<String, List<String>> memberClientIds(Set<String> groups)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<String>> members = new HashMap<>();
        var described = admin.describeConsumerGroups(groups).describedGroups();
        for (var entry : described.entrySet()) {
            try {
                ConsumerGroupDescription group = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                members.put(
                        entry.getKey(),
                        group.members().stream()
                                .map(MemberDescription::clientId)
                                .toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                members.put(entry.getKey(), List.of());
            }
        }
        return members;
    }
}
