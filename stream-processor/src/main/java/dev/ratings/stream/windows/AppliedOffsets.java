package dev.ratings.stream.windows;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on each {@code ratings} record once: it keeps the offset of the last record applied per
 * partition in a store, written in the same exactly-once transaction as everything the record
 * changed, and drops a record at or before it.
 *
 * <p>That is what makes a lost or reset consumer group harmless. Kafka Streams then reads the
 * partition again from its start (or from where the offsets were moved) on top of state that
 * already holds those records; without this the windows would count them twice and the score would
 * refuse a window that does not follow the last one, killing the stream thread. With it the
 * records the state holds are skipped, counted and logged, and processing goes on where it had
 * stopped, with identical results. Skipping is cheaper and safer than rebuilding the generation:
 * the state is right, only the input position was lost, and the current scores stay in place.
 *
 * <p>Offsets moved <em>forward</em> (a reset to latest) skip records that were never applied: that
 * cannot be undone here, so the first record after the jump is counted as a gap and logged, and the
 * service recomputes the generation from the whole history by a replay with the same parameters
 * (see {@code InputGapReplay}); until that is promoted, the generation serves what it has.
 */
final class AppliedOffsets implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(AppliedOffsets.class);

    private final WindowMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Integer, Long> applied;
    private boolean firstSinceInit;
    private long skipped;

    AppliedOffsets(WindowMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.applied = context.getStateStore(StateStores.APPLIED_OFFSETS);
        this.firstSinceInit = true;
        this.skipped = 0;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Long last = applied.get(source.partition());
        if (last != null && source.offset() <= last) {
            if (skipped++ == 0) {
                log.warn(
                        "{}-{}: read again from offset {} though the state holds everything up to {} (consumer"
                                + " offsets lost or reset); skipping what is already applied",
                        source.topic(),
                        source.partition(),
                        source.offset(),
                        last);
            }
            metrics.alreadyApplied();
            return;
        }
        if (skipped > 0) {
            log.info(
                    "{}-{}: skipped {} records applied before; going on at offset {}",
                    source.topic(),
                    source.partition(),
                    skipped,
                    source.offset());
            skipped = 0;
        }
        if (firstSinceInit && last != null && source.offset() > last + 1) {
            long missed = source.offset() - last - 1;
            log.warn(
                    "{}-{}: offsets jumped from {} to {}: up to {} records were never applied (consumer offsets"
                            + " moved forward?); the generation is recomputed by a replay",
                    source.topic(),
                    source.partition(),
                    last,
                    source.offset(),
                    missed);
            metrics.inputGap(missed);
        }
        firstSinceInit = false;
        applied.put(source.partition(), source.offset());
        context.forward(record);
    }
}
