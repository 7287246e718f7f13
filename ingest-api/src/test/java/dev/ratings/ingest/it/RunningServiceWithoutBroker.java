package dev.ratings.ingest.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link RunningService} with no broker where Kafka should be (a closed loopback port): for what
 * needs no Kafka, and for Kafka being down.
 */
// no broker to create topics on: don't try at startup
@TestPropertySource(properties = "spring.kafka.admin.auto-create=false")
abstract class RunningServiceWithoutBroker extends RunningService {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }
}
