package dev.ratings.contract;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How generation events travel on {@link Topics#SCORE_GENERATIONS}: one partition, so every reader
 * sees them in one order; key the generation number, value the event as JSON.
 */
public final class GenerationRecords {

    public static final TopicPartition PARTITION = new TopicPartition(Topics.SCORE_GENERATIONS, 0);

    private static final JsonSerde<GenerationEvent> EVENTS = JsonSerde.of(GenerationEvent.class);

    private GenerationRecords() {}

    public static ProducerRecord<String, byte[]> record(GenerationEvent event) {
        return new ProducerRecord<>(
                PARTITION.topic(),
                PARTITION.partition(),
                Long.toString(event.generation()),
                EVENTS.serialize(PARTITION.topic(), event));
    }

    /**
     * Reads one record's event.
     *
     * @throws SerializationException if it holds none (a tombstone, not JSON, a missing or invalid
     *     field) or if its key does not name its generation
     */
    public static GenerationEvent read(String key, byte[] value) {
        if (value == null) {
            throw new SerializationException("the record has no value");
        }
        GenerationEvent event = EVENTS.deserialize(PARTITION.topic(), value);
        if (!Long.toString(event.generation()).equals(key)) {
            throw new SerializationException("the record key must be the generation number " + event.generation());
        }
        return event;
    }
}
