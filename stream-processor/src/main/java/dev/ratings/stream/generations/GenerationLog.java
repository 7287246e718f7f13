package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationRecords;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;

/** Appends to {@code score-generations}: whether an event took effect is for the log's readers to say. */
final class GenerationLog {

    private final Producer<String, byte[]> producer;

    GenerationLog(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Appends and waits for the broker's acknowledgement; returns the record's offset. */
    long append(GenerationEvent event) {
        try {
            return producer.send(GenerationRecords.record(event))
                    .get(30, TimeUnit.SECONDS)
                    .offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording " + event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not record " + event, e);
        }
    }
}
