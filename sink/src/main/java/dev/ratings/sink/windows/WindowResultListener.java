package dev.ratings.sink.windows;

import dev.ratings.contract.Topics;
import dev.ratings.sink.kafka.ReadableBatch;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code post-rating-windows} in batches and hands each batch to the writer, reading the
 * values itself a chunk at a time (the consumer hands over their bytes) so that the writer thread
 * writes one chunk while this thread reads the next.
 *
 * <p>The container commits the batch's offsets only after this method returns, that is after the
 * database transaction has committed; if it throws, nothing is committed and the error handler
 * retries. An unreadable record is reported with {@code BatchListenerFailedException} after the
 * records before it are written: the error handler then commits up to it, sends it alone to the
 * dead-letter topic and redelivers the rest of the batch.
 */
@Component
class WindowResultListener {

    static final String ID = "ratings-sink";

    private final WindowResultWriter writer;
    private final WindowResultDeserializer parser = new WindowResultDeserializer();
    private final DistributionSummary batchSize;

    WindowResultListener(WindowResultWriter writer, MeterRegistry registry) {
        this.writer = writer;
        this.batchSize = DistributionSummary.builder("ratings.sink.batch.size")
                .baseUnit("records")
                .description("Records per batch consumed from " + Topics.POST_RATING_WINDOWS)
                .register(registry);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.POST_RATING_WINDOWS, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        batchSize.record(records.size());
        ReadableBatch.writeInChunks(records, "window results", parser, writer.chunkSize(), writer::write);
    }
}
