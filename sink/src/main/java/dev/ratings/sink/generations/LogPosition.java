package dev.ratings.sink.generations;

/**
 * Which {@code score-generations} log the database follows and how far it has applied it.
 *
 * @param topicId the topic's id: another Kafka (or the topic created again) has another one
 * @param nextOffset the offset of the next event to apply
 */
record LogPosition(String topicId, long nextOffset) {}
