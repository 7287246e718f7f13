package dev.ratings.sink.windows;

import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code post-rating-windows} in batches and hands each batch to the writer.
 *
 * <p>The container commits the batch's offsets only after this method returns, that is after the
 * database transaction has committed; if it throws, nothing is committed and the error handler
 * retries. An unreadable record is reported with {@link BatchListenerFailedException} after the
 * records before it are written: the error handler then commits up to it, sends it alone to the
 * dead-letter topic and redelivers the rest of the batch.
 */
@Component
class WindowResultListener {

    static final String ID = "ratings-sink";

    private static final Logger LOG = LoggerFactory.getLogger(WindowResultListener.class);

    private final WindowResultWriter writer;
    private final DistributionSummary batchSize;

    WindowResultListener(WindowResultWriter writer, MeterRegistry registry) {
        this.writer = writer;
        this.batchSize = DistributionSummary.builder("ratings.sink.batch.size")
                .baseUnit("records")
                .description("Records per batch consumed from " + Topics.POST_RATING_WINDOWS)
                .register(registry);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.POST_RATING_WINDOWS, batch = "true")
    void onBatch(List<ConsumerRecord<String, WindowResult>> records) {
        batchSize.record(records.size());
        int unreadable = firstUnreadable(records);
        List<ConsumerRecord<String, WindowResult>> readable = unreadable < 0 ? records : records.subList(0, unreadable);
        if (!readable.isEmpty()) {
            write(readable);
        }
        if (unreadable >= 0) {
            ConsumerRecord<String, WindowResult> record = records.get(unreadable);
            throw new BatchListenerFailedException(
                    "Unreadable window result " + UnreadableRecords.describe(record),
                    UnreadableRecords.cause(record),
                    unreadable);
        }
    }

    private void write(List<ConsumerRecord<String, WindowResult>> records) {
        try {
            writer.write(records.stream().map(ConsumerRecord::value).toList());
        } catch (RuntimeException e) {
            // spring-kafka logs whole-batch retries at DEBUG only: say here why consumption stalls
            LOG.warn(
                    "Writing {} window results from {} failed; the batch will be retried: {}",
                    records.size(),
                    UnreadableRecords.describe(records.get(0)),
                    NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            throw e;
        }
    }

    private static int firstUnreadable(List<ConsumerRecord<String, WindowResult>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (UnreadableRecords.isUnreadable(records.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
