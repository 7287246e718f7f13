package dev.ratings.contract;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics that do not exist yet and never changes one that does.
 *
 * <p>Spring's {@code KafkaAdmin} would add partitions to an existing topic that is declared with
 * more: on {@code ratings}, keyed by post id, that moves posts to other partitions and splits their
 * state between tasks. Here a mismatch is only reported. The few configs a topic must have whatever
 * created it ({@link TopicDefinitions#enforced()}) are set.
 */
public final class TopicBootstrap {

    private static final Logger log = LoggerFactory.getLogger(TopicBootstrap.class);

    private final Map<String, Object> adminConfig;
    private final Collection<NewTopic> topics;
    private final long timeoutMs;

    public TopicBootstrap(Map<String, Object> adminConfig, Collection<NewTopic> topics, long timeoutMs) {
        this.adminConfig = adminConfig;
        this.topics = List.copyOf(topics);
        this.timeoutMs = timeoutMs;
    }

    /**
     * Creates what is missing. A broker that does not answer is reported, not fatal: the service
     * starts and its clients retry, as they would after a broker restart.
     */
    public void run() {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                    log.info("Created topic {}", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            reportPartitionMismatches(admin, existing);
            enforceConfigs(admin, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not check or create the topics; the clients will retry", e);
        }
    }

    /** Sets the configs {@link TopicDefinitions#enforced()} requires on topics created before they did. */
    private void enforceConfigs(Admin admin, Set<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (var wanted : TopicDefinitions.enforced().entrySet()) {
            if (!existing.contains(wanted.getKey())) {
                continue;
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, wanted.getKey());
            Config actual = admin.describeConfigs(Set.of(resource))
                    .all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                    .get(resource);
            List<AlterConfigOp> changes = wanted.getValue().entrySet().stream()
                    .filter(config -> actual.get(config.getKey()) == null
                            || !config.getValue()
                                    .equals(actual.get(config.getKey()).value()))
                    .map(config -> new AlterConfigOp(
                            new ConfigEntry(config.getKey(), config.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                log.warn("Topic {} had other settings than this version needs; set {}", wanted.getKey(), changes);
            }
        }
    }

    private void reportPartitionMismatches(Admin admin, Set<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names =
                topics.stream().map(NewTopic::name).filter(existing::contains).toList();
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        for (NewTopic wanted : topics) {
            TopicDescription actual = described.get(wanted.name());
            if (actual != null
                    && wanted.numPartitions() > 0
                    && actual.partitions().size() != wanted.numPartitions()) {
                log.warn(
                        "Topic {} has {} partitions, {} configured: left as it is (changing it would move keys)",
                        wanted.name(),
                        actual.partitions().size(),
                        wanted.numPartitions());
            }
        }
    }
}
