package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.contract.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Topics are created when missing and never repartitioned (ratings are keyed by post id); the few
 * configs a topic must have are set on one an earlier version created.
 */
class TopicBootstrapIT {

    @Test
    void createsMissingTopicsAndLeavesTheExistingOnesAlone() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, Topics.RATINGS);
        broker.afterPropertiesSet();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            new TopicBootstrap(
                            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                            TopicDefinitions.all(6),
                            10_000)
                    .run();

            var topics = admin.describeTopics(
                            List.of(Topics.RATINGS, Topics.POST_RATING_WINDOWS, Topics.SCORE_GENERATIONS))
                    .allTopicNames()
                    .get();
            assertThat(topics.get(Topics.RATINGS).partitions())
                    .as("existing: untouched")
                    .hasSize(2);
            assertThat(topics.get(Topics.POST_RATING_WINDOWS).partitions())
                    .as("created")
                    .hasSize(6);
            assertThat(topics.get(Topics.SCORE_GENERATIONS).partitions()).hasSize(1);
        } finally {
            broker.destroy();
        }
    }

    @Test
    void aScoreGenerationsTopicCreatedCompactedIsKeptWholeFromNowOn() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(Topics.SCORE_GENERATIONS, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get();

            new TopicBootstrap(config, TopicDefinitions.all(1), 10_000).run();

            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SCORE_GENERATIONS);
            Config actual = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(actual.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(actual.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        } finally {
            broker.destroy();
        }
    }
}
