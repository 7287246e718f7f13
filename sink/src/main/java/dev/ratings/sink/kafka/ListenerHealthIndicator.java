package dev.ratings.sink.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code kafkaConsumer} in {@code /actuator/health}: down when a listener container has stopped
 * without being asked to (for example after a fatal consumer error), so that an orchestrator
 * restarts the service instead of letting it sit there without consuming. A container stopped on
 * purpose is reported but keeps the service up.
 */
@Component("kafkaConsumerHealthIndicator")
class ListenerHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    ListenerHealthIndicator(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            if (!container.isInExpectedState()) {
                health.down().withDetail(container.getListenerId(), "failed");
            } else {
                health.withDetail(container.getListenerId(), container.isRunning() ? "running" : "stopped");
            }
        }
        return health.build();
    }
}
