package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstancesTest {

    @Test
    void oneOfEachKindStrikesTheOnlyOne() {
        List<String> single = List.of("kafka", "ingest-api", "stream-processor", "sink");

        assertThat(Instances.pick("sink", single)).contains("sink");
        assertThat(Instances.pick("kafka", single)).contains("kafka");
        assertThat(Instances.count("kafka", single)).isEqualTo(1);
    }

    @Test
    void severalInstancesStrikeTheSecondAndCountAll() {
        List<String> multi = List.of(
                "kafka-1", "kafka-2", "kafka-3", "ingest-api-1", "ingest-api-2", "sink-1", "sink-2", "front-door");

        assertThat(Instances.pick("ingest-api", multi)).contains("ingest-api-2");
        assertThat(Instances.pick("kafka", multi)).contains("kafka-2");
        assertThat(Instances.count("kafka", multi)).isEqualTo(3);
        assertThat(Instances.count("ingest-api", multi)).isEqualTo(2);
        assertThat(Instances.pick("stream-processor", multi)).isEmpty();
    }

    @Test
    void thePreferredInstanceWhenItRuns() {
        List<String> multi = List.of("kafka-1", "kafka-2", "kafka-3");

        assertThat(Instances.pick("kafka", multi, Optional.of("kafka-3"))).contains("kafka-3");
        assertThat(Instances.pick("kafka", multi, Optional.of("kafka-7"))).contains("kafka-2");
    }
}
