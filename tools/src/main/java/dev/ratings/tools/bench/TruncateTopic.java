package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * Deletes every record a topic holds now (the log start moves to the end), so that a consumer
 * group that starts afterwards from the earliest offset has no backlog to read.
 */
final class TruncateTopic {

    private TruncateTopic() {}

    static void run(Args options) throws Exception {
        String topic = options.text("topic");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.text("bootstrap")))) {
            Map<TopicPartition, OffsetSpec> latest =
                    admin
                            .describeTopics(java.util.List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .collect(Collectors.toMap(
                                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            long records = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                deletions.put(
                        end.getKey(),
                        RecordsToDelete.beforeOffset(end.getValue().offset()));
                records += end.getValue().offset();
            }
            admin.deleteRecords(deletions).all().get();
            System.out.println("truncated=" + records);
        }
    }
}
