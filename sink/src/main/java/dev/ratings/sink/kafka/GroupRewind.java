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
 * members: a sink that was killed stays a member until its session times out (ratings.sink.session-timeout), so
 * this tries again for {@value #PATIENCE_S} s; another sink instance still running never leaves,
 * and the sink then does not start, rather than rebuild half.
 */
final class GroupRewind {

    private static final Logger LOG = LoggerFactory.getLogger(GroupRewind.class);
    private static final long TIMEOUT_S = 30;
    private static final long PATIENCE_S = 120;

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
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_S);
        while (true) {
            try {
                get(admin.alterConsumerGroupOffsets(group, starts).all());
                break;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > giveUpAt) {
                    throw e;
                }
                LOG.info("Consumer group {} still has members (a stopped sink's session?); trying again", group);
                sleep();
            }
        }
        LOG.info("Rebuilding: consumer group {} reads {} again from the beginning", group, topic);
    }

    private static void sleep() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
