package dev.ratings.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The sink's settings as its consumers get them. */
class SinkPropertiesTest {

    @Test
    void aKilledSinkKeepsItsPartitionsTenSecondsNotKafkasFortyFive() {
        assertThat(bind(Map.of()).groupMembership())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_333);
        assertThat(bind(Map.of("ratings.sink.session-timeout", "PT30S")).groupMembership())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 10_000);
    }

    @Test
    void aSessionTheBrokerWouldRefuseIsRefusedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("ratings.sink.session-timeout", "PT2S")))
                .isInstanceOf(BindException.class);
    }

    private static SinkProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ratings.sink", SinkProperties.class);
    }
}
