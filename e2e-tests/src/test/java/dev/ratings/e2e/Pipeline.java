package dev.ratings.e2e;

import static org.awaitility.Awaitility.await;

import dev.ratings.testsupport.TemporaryDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole system for one test class: an in-JVM KRaft broker, a fresh PostgreSQL database, the
 * local Redis (its own logical database) and the three service jars as processes.
 */
final class Pipeline implements AutoCloseable {

    static final String REDIS_URL = "redis://127.0.0.1:6379/9";

    private final EmbeddedKafkaKraftBroker kafka;
    private final TemporaryDatabase database;
    private final List<ServiceProcess> services = new ArrayList<>();

    private Pipeline(EmbeddedKafkaKraftBroker kafka, TemporaryDatabase database) {
        this.kafka = kafka;
        this.database = database;
    }

    /** Starts everything and waits until the three services are healthy. */
    static Pipeline start(Duration window, Duration grace) throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        Pipeline pipeline = new Pipeline(kafka, TemporaryDatabase.create());
        Path work = Files.createDirectories(
                Path.of("target", "e2e", UUID.randomUUID().toString()));
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString()),
                Map.entry("SPRING_DATASOURCE_URL", pipeline.database.jdbcUrl()),
                Map.entry("SPRING_DATASOURCE_USERNAME", pipeline.database.user()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", ""),
                Map.entry("RATINGS_REDIS_URL", REDIS_URL),
                Map.entry("RATINGS_KAFKA_PARTITIONS", "2"),
                Map.entry("RATINGS_WINDOW_SIZE", window.toString()),
                Map.entry("RATINGS_WINDOW_GRACE", grace.toString()),
                Map.entry("RATINGS_HEARTBEAT_INTERVAL", "PT0.5S"),
                Map.entry("RATINGS_REPLAY_CHECKINTERVAL", "PT0.5S"),
                Map.entry(
                        "RATINGS_STREAMS_STATEDIR",
                        work.resolve("streams-state").toAbsolutePath().toString())));
        try {
            for (String module : List.of("sink", "stream-processor", "ingest-api")) {
                pipeline.services.add(ServiceProcess.start(module, environment, work));
            }
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> pipeline.services.stream().allMatch(ServiceProcess::isHealthy));
        } catch (Exception | AssertionError e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    Api api() {
        return new Api(service("ingest-api").baseUrl());
    }

    String streamProcessorUrl() {
        return service("stream-processor").baseUrl();
    }

    String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    TemporaryDatabase database() {
        return database;
    }

    private ServiceProcess service(String module) {
        return services.stream()
                .filter(service -> service.module().equals(module))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        kafka.destroy();
        database.close();
    }
}
