package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle.Change;
import dev.ratings.contract.GenerationLifecycle.Outcome;
import dev.ratings.contract.GenerationLifecycle.Verdict;
import dev.ratings.contract.GenerationRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@code score-generations} to PostgreSQL, one record per transaction, in log order and each
 * once: the transaction checks the record against the position the database has reached, decides
 * with {@link dev.ratings.contract.GenerationLifecycle} from the states it holds, writes the changes
 * (deleting the rows of every generation it retires) and moves the position past the record.
 *
 * <p>A record that is unreadable or does not follow changes nothing: it goes to {@code
 * score-generations.DLT} from inside the transaction (so a failed commit sends it again rather
 * than never), is counted, and the position moves past it.
 */
class GenerationEventWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationEventWriter.class);

    /** What one record did; {@code ALREADY_APPLIED}: it lies before the database's position. */
    enum Result {
        APPLIED,
        UNCHANGED,
        REFUSED,
        ALREADY_APPLIED
    }

    /**
     * @param rowsDeleted rows deleted per table, in the order of {@link GenerationStore#TABLES}
     */
    record Applied(Result result, @Nullable Verdict verdict, List<Integer> rowsDeleted) {

        boolean switched() {
            return verdict != null
                    && verdict.changes().stream().anyMatch(change -> change.to() == GenerationState.CURRENT);
        }
    }

    private final GenerationStore store;
    private final TransactionTemplate transaction;
    private final ConsumerAwareRecordRecoverer deadLetters;
    private final Map<Result, Counter> records = new EnumMap<>(Result.class);
    private final Counter switches;
    private final List<Counter> rowsDeleted;

    GenerationEventWriter(
            GenerationStore store,
            TransactionTemplate transaction,
            ConsumerAwareRecordRecoverer deadLetters,
            MeterRegistry registry) {
        this.store = store;
        this.transaction = transaction;
        this.deadLetters = deadLetters;
        for (Result result : Result.values()) {
            records.put(
                    result,
                    Counter.builder("ratings.sink.generations.events")
                            .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
                            .description("score-generations records read, by what they did; refused ones went to"
                                    + " score-generations.DLT")
                            .register(registry));
        }
        this.switches = Counter.builder("ratings.sink.generations.switched")
                .description("Times another generation became the current one")
                .register(registry);
        this.rowsDeleted = GenerationStore.TABLES.stream()
                .map(table -> Counter.builder("ratings.sink.generations.rows.deleted")
                        .tag("table", table)
                        .description("Rows of retired generations deleted")
                        .register(registry))
                .toList();
    }

    /**
     * Makes the database follow the log with this id: the position it has if it follows it already;
     * else it starts the log from its beginning. A database that followed another log (another
     * Kafka, whose generation numbers start again at 1) loses that log's rows; one that followed none
     * yet (new, or written by a version without positions) keeps its rows and rebuilds the states.
     */
    LogPosition adopt(String topicId) {
        return transaction.execute(status -> {
            store.lock();
            LogPosition position = store.position().orElse(null);
            if (position != null && position.topicId().equals(topicId)) {
                return position;
            }
            store.forgetGenerations();
            if (position != null) {
                List<Integer> deleted = GenerationStore.TABLES.stream()
                        .map(table -> store.deleteAllRows(table))
                        .toList();
                LOG.warn(
                        "score-generations is another log ({}, was {}): another Kafka. Deleted the earlier log's"
                                + " {} window rows and {} score rows; applying the new log from its start",
                        topicId,
                        position.topicId(),
                        deleted.get(0),
                        deleted.get(1));
            } else {
                LOG.info("Following score-generations {} from its start", topicId);
            }
            LogPosition start = new LogPosition(topicId, 0);
            store.savePosition(start);
            return start;
        });
    }

    /**
     * Applies one record of the log with this id, in one transaction; throws (changing nothing) if
     * the database fails, or if its position is behind {@code appliedBefore} (the database was
     * restored from an earlier copy: the caller must read on from the database's position).
     */
    Applied apply(String topicId, long appliedBefore, ConsumerRecord<String, byte[]> record) {
        Applied applied = transaction.execute(status -> applyInTransaction(topicId, appliedBefore, record));
        // counted after the commit, so a record retried after a rollback is not counted twice
        records.get(applied.result()).increment();
        if (applied.switched()) {
            switches.increment();
        }
        for (int i = 0; i < rowsDeleted.size(); i++) {
            rowsDeleted.get(i).increment(applied.rowsDeleted().get(i));
        }
        log(record, applied);
        return applied;
    }

    private Applied applyInTransaction(String topicId, long appliedBefore, ConsumerRecord<String, byte[]> record) {
        store.lock();
        LogPosition position = store.position()
                .filter(known -> known.topicId().equals(topicId))
                .orElseThrow(() -> new IllegalStateException(
                        "the database does not follow score-generations " + topicId + " (any more)"));
        if (position.nextOffset() < appliedBefore) {
            throw new IllegalStateException("the database's position in score-generations went back from "
                    + appliedBefore + " to " + position.nextOffset());
        }
        if (record.offset() < position.nextOffset()) {
            return new Applied(Result.ALREADY_APPLIED, null, List.of(0, 0));
        }
        Verdict verdict;
        GenerationEvent event = null;
        try {
            event = GenerationRecords.read(record.key(), record.value());
            verdict = store.lifecycle().decide(event);
        } catch (SerializationException e) {
            verdict = new Verdict(Outcome.REFUSED, List.of(), "unreadable: " + e.getMessage());
        }
        int[] deleted = new int[GenerationStore.TABLES.size()];
        if (verdict.isApplied()) {
            for (Change change : verdict.changes()) {
                store.write(change, event);
                if (change.to() == GenerationState.RETIRED) {
                    for (int i = 0; i < deleted.length; i++) {
                        deleted[i] += store.deleteRows(GenerationStore.TABLES.get(i), change.generation());
                    }
                }
            }
        } else if (verdict.isRefused()) {
            deadLetters.accept(record, null, new GenerationRefusedException(verdict.reason()));
        }
        store.savePosition(new LogPosition(topicId, record.offset() + 1));
        Result result = switch (verdict.outcome()) {
            case APPLIED -> Result.APPLIED;
            case UNCHANGED -> Result.UNCHANGED;
            case REFUSED -> Result.REFUSED;
        };
        return new Applied(result, verdict, List.of(deleted[0], deleted[1]));
    }

    private static void log(ConsumerRecord<String, byte[]> record, Applied applied) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        switch (applied.result()) {
            case APPLIED ->
                LOG.info(
                        "Applied {}: {}; deleted {} window rows and {} score rows of retired generations",
                        where,
                        applied.verdict().changes().stream()
                                .map(change -> change.generation() + " " + GenerationStore.text(change.to()))
                                .collect(Collectors.joining(", ")),
                        applied.rowsDeleted().get(0),
                        applied.rowsDeleted().get(1));
            case REFUSED ->
                LOG.warn(
                        "Refused {} (key {}), sent to the dead-letter topic: {}",
                        where,
                        record.key(),
                        applied.verdict().reason());
            case UNCHANGED -> LOG.debug("{} repeats what the log said already", where);
            case ALREADY_APPLIED -> LOG.debug("{} was applied before", where);
        }
    }
}
