package dev.ratings.sink.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a consumer group's committed offsets on a topic back to the beginning, before the listeners
 * start: how a rebuild makes the sink read everything again. The broker refuses while the group has
 * members (another sink instance runs): then the sink does not start, rather than rebuild half.
 */
final class GroupRewind {

    private static final Logger LOG = LoggerFactory.getLogger(GroupRewind.class);
    private static final long TIMEOUT_S = 30;

    private GroupRewind() {}

    static void toBeginning(Admin admin, String group, String topic) {
        Set<TopicPartition> partitions =
                get(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> starts = get(admin.listOffsets(
                                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                        .all())
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> new OffsetAndMetadata(entry.getValue().offset())));
        get(admin.alterConsumerGroupOffsets(group, starts).all());
        LOG.info("Rebuilding: consumer group {} reads {} again from the beginning", group, topic);
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot rewind the sink's consumer groups (is another sink instance running? stop it first): "
                            + e.getMessage(),
                    e);
        }
    }
}
