package dev.ratings.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Where consumer groups stand, read from the broker: how the sink decides that a replay has caught
 * up, and how any stream processor instance reports a replay's progress.
 */
public final class GroupProgress {

    private final Admin admin;

    public GroupProgress(Admin admin) {
        this.admin = admin;
    }

    /** Committed offsets of a group on one topic; partitions it never committed are absent. */
    public Map<TopicPartition, Long> committed(String groupId, String topic) {
        Map<TopicPartition, Long> offsets = committed(groupId);
        offsets.keySet().removeIf(partition -> !partition.topic().equals(topic));
        return offsets;
    }

    /** Committed offsets of a group on every topic it reads. */
    private Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        return offsets.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset(), (a, b) -> a, HashMap::new));
    }

    /**
     * Whether {@code follower} has read {@code topic} at least as far as {@code leader}, partition by
     * partition. Where the leader has committed nothing the follower must have read to the end: a
     * leader whose offsets were lost must not make any follower look caught up.
     */
    public boolean hasCaughtUp(String follower, String leader, String topic) {
        Map<TopicPartition, Long> ahead = committed(leader, topic);
        Map<TopicPartition, Long> behind = committed(follower, topic);
        return committedEnd(topic).entrySet().stream().allMatch(end -> {
            long target = ahead.getOrDefault(end.getKey(), end.getValue());
            return behind.getOrDefault(end.getKey(), 0L) >= target;
        });
    }

    /** The end of every partition of a topic as a read_committed consumer sees it. */
    public Map<TopicPartition, Long> committedEnd(String topic) {
        Set<TopicPartition> partitions =
                get(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all())
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /**
     * The end of every partition of an application's repartition topics: what a replay's later
     * stages still have to read after it has read {@code ratings} to the end.
     */
    public Map<TopicPartition, Long> repartitionEnds(String applicationId) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"))
                .forEach(topic -> ends.putAll(committedEnd(topic)));
        return ends;
    }

    /** Whether a group has committed at least the given offsets, of any number of topics. */
    public boolean hasConsumed(String groupId, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> consumed = committed(groupId);
        return offsets.entrySet().stream()
                .allMatch(entry ->
                        entry.getValue() == 0 || consumed.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
    }

    /** Records of a topic a group has read: the sum of its committed offsets. */
    public long recordsRead(String groupId, String topic) {
        return committed(groupId, topic).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e.getMessage(), e);
        }
    }
}
