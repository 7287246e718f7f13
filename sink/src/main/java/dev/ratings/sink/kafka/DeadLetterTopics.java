package dev.ratings.sink.kafka;

import dev.ratings.contract.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** The contract's dead-letter topics as the listeners' error handlers publish to them. */
public final class DeadLetterTopics {

    private DeadLetterTopics() {}

    /** Publishes a record, its value's bytes as read, to its topic's dead-letter topic. */
    public static DeadLetterPublishingRecoverer publisher(KafkaTemplate<String, byte[]> template) {
        // spring-kafka's default destination is "<topic>-dlt" on the same partition; the contract's
        // is "<topic>.DLT", which has one partition: let the producer choose (-1)
        return new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    }
}
