package dev.ratings.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How each topic is created: every service declares the topics it touches from here, so the first
 * one to start creates them all the same way. Replication is the broker's default unless a
 * service passes its {@code ratings.kafka.replication-factor}.
 */
public final class TopicDefinitions {

    /** As replication factor: leave it to the broker's {@code default.replication.factor}. */
    public static final short BROKER_DEFAULT = -1;

    private static final String FOREVER = "-1";

    /** Rejects timestamps from a clock more than a minute ahead: stream time must never jump. */
    private static final String MAX_FUTURE_TIMESTAMP_MS = "60000";

    private static final Map<String, String> SCORE_GENERATIONS_CONFIGS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, FOREVER,
            TopicConfig.RETENTION_BYTES_CONFIG, FOREVER);

    private TopicDefinitions() {}

    public static NewTopic ratings(int partitions) {
        return topic(
                Topics.RATINGS,
                partitions,
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, FOREVER,
                        TopicConfig.RETENTION_BYTES_CONFIG, FOREVER,
                        TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, MAX_FUTURE_TIMESTAMP_MS));
    }

    /** Results carry their window end as timestamp; kept forever so a replay's old windows stay. */
    public static NewTopic postRatingWindows(int partitions) {
        return topic(
                Topics.POST_RATING_WINDOWS,
                partitions,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, FOREVER, TopicConfig.RETENTION_BYTES_CONFIG, FOREVER));
    }

    public static NewTopic postScores(int partitions) {
        return topic(
                Topics.POST_SCORES,
                partitions,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /**
     * Compacted, never deleted: a post is written once and never changes, so compaction keeps every
     * post, and the table can be rebuilt from the topic at any time.
     */
    public static NewTopic posts(int partitions) {
        return topic(
                Topics.POSTS,
                partitions,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.RETENTION_MS_CONFIG, FOREVER,
                        TopicConfig.RETENTION_BYTES_CONFIG, FOREVER));
    }

    /**
     * One partition, so every reader sees the changes in the order they were made; kept whole and
     * forever: {@link GenerationLifecycle} checks each event against the ones before it, and
     * compaction would drop the {@code BUILDING} events that the later ones follow. It holds a few
     * records per replay.
     */
    public static NewTopic scoreGenerations() {
        return topic(Topics.SCORE_GENERATIONS, 1, SCORE_GENERATIONS_CONFIGS);
    }

    /** Configs an existing topic must have, set again if an earlier version created it otherwise. */
    public static Map<String, Map<String, String>> enforced() {
        return Map.of(Topics.SCORE_GENERATIONS, SCORE_GENERATIONS_CONFIGS);
    }

    public static NewTopic deadLetters(String topic) {
        return topic(Topics.deadLetter(topic), 1, Map.of());
    }

    /** Everything the pipeline reads or writes, with the given partition count for the main topics. */
    public static List<NewTopic> all(int partitions) {
        return all(partitions, BROKER_DEFAULT);
    }

    /**
     * The same, each topic with {@code replicationFactor} replicas, or the broker's {@code
     * default.replication.factor} when it is {@value #BROKER_DEFAULT}.
     */
    public static List<NewTopic> all(int partitions, short replicationFactor) {
        return Stream.of(
                        ratings(partitions),
                        postRatingWindows(partitions),
                        postScores(partitions),
                        posts(partitions),
                        scoreGenerations(),
                        deadLetters(Topics.RATINGS),
                        deadLetters(Topics.POST_RATING_WINDOWS),
                        deadLetters(Topics.POSTS))
                .map(topic -> replicated(topic, replicationFactor))
                .toList();
    }

    /** A copy of the topic with {@code replicationFactor} replicas ({@value #BROKER_DEFAULT}: the broker's default). */
    public static NewTopic replicated(NewTopic topic, short replicationFactor) {
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) {
            throw new IllegalArgumentException("ratings.kafka.replication-factor must be at least 1, or "
                    + BROKER_DEFAULT + " for the broker's default, was " + replicationFactor);
        }
        Optional<Short> replicas =
                replicationFactor == BROKER_DEFAULT ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(topic.name(), Optional.of(topic.numPartitions()), replicas).configs(topic.configs());
    }

    private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }
}
