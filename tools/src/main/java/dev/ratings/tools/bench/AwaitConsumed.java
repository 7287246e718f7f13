package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Times how long a consumer group takes to consume what a topic holds now. First it fixes the
 * target of each partition: the offset after its last record (a transactional topic ends with a
 * commit marker that a group never commits past, hence not simply the end offset). It prints
 * {@code targets=<records>} once they are fixed, so the script starts the consumer only then, and
 * polls the group's committed offsets until every partition has reached its target.
 *
 * <p>Result line: {@code consumed}, the records consumed, {@code initial} how many of them the
 * group had already committed when the watch began, {@code first_ms} when the group first
 * committed progress and how far ({@code first_consumed}), {@code done_ms} when it was done. The
 * steady rate is {@code (consumed − first_consumed) / (done_ms − first_ms)}.
 */
final class AwaitConsumed {

    private static final long POLL_MS = 200;

    private AwaitConsumed() {}

    static void run(Args options) throws Exception {
        String bootstrap = options.text("bootstrap");
        String group = options.text("group");
        String topic = options.text("topic");
        long deadline = System.currentTimeMillis() + options.number("timeout-s") * 1000;

        Map<TopicPartition, Long> targets = targets(bootstrap, topic);
        long total = targets.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("targets=" + total);
        System.out.flush();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long initial = -1;
            long firstMs = 0;
            long firstConsumed = 0;
            long lastReport = System.currentTimeMillis();
            while (true) {
                long consumed = consumed(admin, group, targets);
                long now = System.currentTimeMillis();
                if (initial < 0) {
                    initial = consumed;
                } else if (firstMs == 0 && consumed > initial) {
                    firstMs = now;
                    firstConsumed = consumed;
                }
                if (consumed >= total) {
                    System.out.printf(
                            "consumed=%d initial=%d first_ms=%d first_consumed=%d done_ms=%d%n",
                            consumed, initial, firstMs == 0 ? now : firstMs, firstConsumed, now);
                    return;
                }
                if (now > deadline) {
                    System.out.printf("timeout=1 consumed=%d%n", consumed);
                    System.exit(3);
                }
                if (now - lastReport >= 10_000) {
                    System.err.printf("  %s: %d of %d records consumed%n", group, consumed, total);
                    lastReport = now;
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    /** Records consumed by the group, counting each partition up to its target. */
    private static long consumed(Admin admin, String group, Map<TopicPartition, Long> targets)
            throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (ExecutionException e) {
            return 0; // the group does not exist yet
        }
        long consumed = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata offset = committed.get(target.getKey());
            consumed += offset == null ? 0 : Math.min(offset.offset(), target.getValue());
        }
        return consumed;
    }

    /** The offset after the last record of each partition, as a read_committed consumer sees it. */
    private static Map<TopicPartition, Long> targets(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> targets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                targets.put(partition, afterLastRecord(consumer, partition, ends.get(partition)));
            }
            return targets;
        }
    }

    private static long afterLastRecord(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long end) {
        consumer.assign(List.of(partition));
        for (long back = 8; ; back *= 8) {
            long from = Math.max(0, end - back);
            consumer.seek(partition, from);
            long last = -1;
            // bounded: behind an open transaction, a read_committed position stops short of the end
            long giveUp = System.currentTimeMillis() + 20_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < giveUp) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    last = Math.max(last, record.offset());
                }
            }
            if (last >= 0) {
                return last + 1;
            }
            if (from == 0) {
                return 0;
            }
        }
    }
}
