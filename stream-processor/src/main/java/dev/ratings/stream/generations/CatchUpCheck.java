package dev.ratings.stream.generations;

import dev.ratings.contract.Topics;
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

/** Where consumer groups stand, read from the broker. */
public final class CatchUpCheck {

    private final Admin admin;

    public CatchUpCheck(Admin admin) {
        this.admin = admin;
    }

    /** Committed offsets of a group on one topic; partitions it never committed are absent. */
    Map<TopicPartition, Long> committed(String groupId, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        return offsets.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** Whether {@code follower} has read {@code topic} at least as far as {@code leader}, partition by partition. */
    boolean hasReachedGroup(String follower, String leader, String topic) {
        Map<TopicPartition, Long> ahead = committed(leader, topic);
        Map<TopicPartition, Long> behind = committed(follower, topic);
        return ahead.entrySet().stream().allMatch(entry -> behind.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
    }

    /** The end of every partition of a topic as a read_committed consumer sees it. */
    Map<TopicPartition, Long> committedEnd(String topic) {
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

    /** Whether a group has committed at least the given offsets. */
    boolean hasConsumed(String groupId, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return true;
        }
        String topic = offsets.keySet().iterator().next().topic();
        Map<TopicPartition, Long> consumed = committed(groupId, topic);
        return offsets.entrySet().stream()
                .allMatch(entry ->
                        entry.getValue() == 0 || consumed.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
    }

    /** Records of {@code ratings} a group has read (heartbeats included). */
    long recordsRead(String groupId) {
        return committed(groupId, Topics.RATINGS).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Removes what a stopped Kafka Streams app left on the broker: its internal topics and its group. */
    void deleteApplication(String applicationId) {
        Set<String> internal = get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(applicationId + "-"))
                .collect(Collectors.toSet());
        if (!internal.isEmpty()) {
            get(admin.deleteTopics(internal).all());
        }
        get(admin.deleteConsumerGroups(Set.of(applicationId)).all());
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
