package dev.ratings.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicDefinitionsTest {

    @Test
    void aConfiguredReplicationFactorReachesEveryTopicAndKeepsItsPartitionsAndConfigs() {
        List<NewTopic> topics = TopicDefinitions.all(6, (short) 3);

        assertThat(topics).extracting(NewTopic::name).containsAll(List.of(Topics.RATINGS, Topics.POSTS));
        assertThat(topics)
                .allSatisfy(topic ->
                        assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3));
        NewTopic ratings = topics.stream()
                .filter(topic -> topic.name().equals(Topics.RATINGS))
                .findFirst()
                .orElseThrow();
        assertThat(ratings.numPartitions()).isEqualTo(6);
        assertThat(ratings.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(topics.stream().filter(topic -> topic.name().equals(Topics.SCORE_GENERATIONS)))
                .singleElement()
                .extracting(NewTopic::numPartitions)
                .isEqualTo(1);
    }

    @Test
    void withoutOneTheBrokerDecides() {
        // NewTopic reports -1 when the request leaves the replication factor to the broker.
        assertThat(TopicDefinitions.all(6))
                .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo(TopicDefinitions.BROKER_DEFAULT));
    }

    @Test
    void zeroOrLessThanTheBrokerDefaultIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> TopicDefinitions.all(6, (short) 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratings.kafka.replication-factor");
        assertThatThrownBy(() -> TopicDefinitions.all(6, (short) -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
