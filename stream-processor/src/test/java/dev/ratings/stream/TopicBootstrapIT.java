package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.TopicBootstrap;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.contract.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Topics are created when missing and never repartitioned: ratings are keyed by post id. */
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
}
