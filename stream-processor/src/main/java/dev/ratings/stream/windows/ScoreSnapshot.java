package dev.ratings.stream.windows;

import dev.ratings.contract.WindowResult;
import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes every post's latest result of this task to {@code post-scores} once the generation is
 * current and may ({@link ScorePublication#maySnapshot()}), and records in its own store that it
 * did. Both happen in the same exactly-once transaction, so a crash either loses both (and the
 * snapshot is written again) or keeps both (and it is never written twice).
 *
 * <p>It sits beside the decay stage to share its task and stores, and ignores the records it is
 * handed: it only punctuates on the wall clock, which never changes what the windows hold.
 */
final class ScoreSnapshot<K, V> implements Processor<K, V, String, WindowResult> {

    static final String DONE = "done";

    private static final Duration CHECK = Duration.ofSeconds(1);

    private final ScorePublication publication;
    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<Long, WindowResult> latestResults;
    private KeyValueStore<String, Long> snapshots;
    private Cancellable check;

    ScoreSnapshot(ScorePublication publication) {
        this.publication = publication;
    }

    @Override
    public void init(ProcessorContext<String, WindowResult> context) {
        this.context = context;
        this.latestResults = context.getStateStore(StateStores.LATEST_RESULTS);
        this.snapshots = context.getStateStore(StateStores.SCORE_SNAPSHOTS);
        if (snapshots.get(DONE) == null) {
            check = context.schedule(CHECK, PunctuationType.WALL_CLOCK_TIME, now -> snapshotIfAllowed(now));
        }
    }

    @Override
    public void process(Record<K, V> record) {
        // records only pass by: the snapshot is the wall-clock punctuator's work
    }

    private void snapshotIfAllowed(long now) {
        if (!publication.maySnapshot()) {
            return;
        }
        try (KeyValueIterator<Long, WindowResult> all = latestResults.all()) {
            all.forEachRemaining(latest -> context.forward(new Record<>(
                    Long.toString(latest.key),
                    latest.value,
                    latest.value.window().end())));
        }
        snapshots.put(DONE, now);
        check.cancel();
    }
}
