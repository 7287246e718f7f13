package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows {@code score-generations} and applies each event to PostgreSQL, one transaction per
 * event; the offset is committed after the transaction (ack mode {@code RECORD}). A failure is
 * retried until the event is applied, an unreadable record goes to {@code score-generations.DLT}
 * (see {@link GenerationConsumerConfiguration}).
 */
@Component
class GenerationEventListener {

    /** Listener id and consumer group: apart from the result listener's group, which the stream processor watches. */
    static final String ID = "ratings-sink-generations";

    private static final Logger LOG = LoggerFactory.getLogger(GenerationEventListener.class);

    private final GenerationEventWriter writer;

    GenerationEventListener(GenerationEventWriter writer) {
        this.writer = writer;
    }

    @KafkaListener(
            id = ID,
            topics = Topics.SCORE_GENERATIONS,
            containerFactory = GenerationConsumerConfiguration.CONTAINER_FACTORY)
    void onEvent(ConsumerRecord<String, GenerationEvent> record) {
        if (record.value() == null) {
            // a tombstone: compaction's way of forgetting a key, not a change of state
            LOG.info("Ignored tombstone for generation {} at offset {}", record.key(), record.offset());
            return;
        }
        writer.apply(record.value());
    }
}
