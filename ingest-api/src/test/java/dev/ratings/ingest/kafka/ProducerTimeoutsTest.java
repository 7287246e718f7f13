package dev.ratings.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProducerTimeoutsTest {

    @ParameterizedTest
    @CsvSource({"3000, 5", "3000, 0", "300, 5", "10000, 100"})
    void aSendGivesUpWithinTheSendTimeout(long sendTimeoutMs, long lingerMs) {
        ProducerTimeouts timeouts = ProducerTimeouts.within(Duration.ofMillis(sendTimeoutMs), lingerMs);

        assertThat(timeouts.maxBlockMs() + timeouts.deliveryTimeoutMs()).isLessThanOrEqualTo(sendTimeoutMs);
        assertThat(timeouts.maxBlockMs()).isPositive();
        assertThat(timeouts.requestTimeoutMs()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"8000, 5", "3000, 5", "10000, 100"})
    void theDeliveryGetsAllButASecondToRideOutALeaderFailover(long sendTimeoutMs, long lingerMs) {
        ProducerTimeouts timeouts = ProducerTimeouts.within(Duration.ofMillis(sendTimeoutMs), lingerMs);

        assertThat(timeouts.maxBlockMs()).isEqualTo(1_000);
        assertThat(timeouts.deliveryTimeoutMs()).isEqualTo(sendTimeoutMs - 1_000);
    }

    @ParameterizedTest
    @CsvSource({"8000, 5", "3000, 5", "300, 5", "300, 150"})
    void theProducerAcceptsTheDerivedSettings(long sendTimeoutMs, long lingerMs) {
        Map<String, Object> config =
                new java.util.HashMap<>(ProducerTimeouts.within(Duration.ofMillis(sendTimeoutMs), lingerMs)
                        .asProducerConfig());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) lingerMs);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);

        // Kafka validates delivery.timeout.ms >= linger.ms + request.timeout.ms when it builds the config
        ProducerConfig parsed = new ProducerConfig(config);

        assertThat(parsed.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                .isGreaterThanOrEqualTo(parsed.getInt(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) + (int) lingerMs);
    }
}
