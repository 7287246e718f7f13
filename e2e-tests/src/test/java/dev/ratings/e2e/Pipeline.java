package dev.ratings.e2e;

import static org.awaitility.Awaitility.await;

import dev.ratings.testsupport.RedisKeys;
import dev.ratings.testsupport.TemporaryDatabase;
import dev.ratings.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole system for one test class: an in-JVM KRaft broker, a fresh PostgreSQL database, the
 * local Redis (its own logical database and key prefix) and the three service jars as processes. Registered as a
 * static {@code @RegisterExtension}, it starts before the class's first test and stops after its
 * last, also when starting failed half-way.
 */
final class Pipeline implements BeforeAllCallback, AfterAllCallback {

    static final String REDIS_URL = "redis://127.0.0.1:6379/9";

    /** Keys of this run only: e2e runs of other checkouts share this Redis database. */
    private final String redisPrefix = RedisKeys.uniquePrefix("e2e");

    private final Duration window;
    private final Duration grace;
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedKafkaKraftBroker kafka;
    private TemporaryDatabase database;
    private Map<String, String> environment;
    private Path work;
    private Api api;

    private Pipeline(Duration window, Duration grace) {
        this.window = window;
        this.grace = grace;
    }

    /** The system with windows of this size and grace, not started yet. */
    static Pipeline withWindows(Duration window, Duration grace) {
        return new Pipeline(window, grace);
    }

    /** The same system with one more environment variable for every service. */
    Pipeline withEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    /** Starts everything and waits until the three services are healthy. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        database = TemporaryDatabase.create();
        work = Files.createDirectories(
                Path.of("target", "e2e", UUID.randomUUID().toString()));
        environment = new HashMap<>(Map.ofEntries(
                Map.entry("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString()),
                Map.entry("SPRING_DATASOURCE_URL", database.jdbcUrl()),
                Map.entry("SPRING_DATASOURCE_USERNAME", database.user()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", database.password()),
                Map.entry("RATINGS_AUTH_JWTSECRET", TestTokens.SECRET),
                Map.entry("RATINGS_REDIS_URL", REDIS_URL),
                Map.entry("RATINGS_REDIS_KEYPREFIX", redisPrefix),
                Map.entry("RATINGS_KAFKA_PARTITIONS", "2"),
                Map.entry("RATINGS_WINDOW_SIZE", window.toString()),
                Map.entry("RATINGS_WINDOW_GRACE", grace.toString()),
                Map.entry("RATINGS_HEARTBEAT_INTERVAL", "PT0.5S"),
                Map.entry("RATINGS_SINK_PROMOTION_CHECKINTERVAL", "PT0.5S"),
                Map.entry("RATINGS_REPLAY_CLEANUPRETRY", "PT0.5S"),
                Map.entry(
                        "RATINGS_STREAMS_STATEDIR",
                        work.resolve("streams-state").toAbsolutePath().toString())));
        environment.putAll(extraEnvironment);
        for (String module : List.of("sink", "stream-processor", "ingest-api")) {
            services.add(ServiceProcess.start(module, environment, work));
        }
        awaitHealthy();
        api = new Api(service("ingest-api").baseUrl());
    }

    /** Stops one service, as {@code ./ratings recover} does before it rebuilds the database. */
    void stop(String module) {
        ServiceProcess stopped = service(module);
        stopped.close();
        services.remove(stopped);
    }

    /** Kills one service with SIGKILL (kill -9); {@link #start} runs it again. */
    void kill(String module) {
        ServiceProcess killed = service(module);
        killed.kill();
        services.remove(killed);
    }

    /** Starts a stopped service again with extra settings, and waits until it is healthy. */
    void start(String module, Map<String, String> settings) {
        Map<String, String> withSettings = new HashMap<>(environment);
        withSettings.putAll(settings);
        services.add(ServiceProcess.start(module, withSettings, work));
        awaitHealthy();
        if (module.equals("ingest-api")) {
            api = new Api(service(module).baseUrl());
        }
    }

    private void awaitHealthy() {
        // Three JVMs starting at once on two cores take about 30 s, beside other builds over 3 min.
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> services.stream().allMatch(ServiceProcess::isHealthy));
    }

    /** Stops whatever was started. */
    @Override
    public void afterAll(ExtensionContext context) {
        services.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.destroy();
        }
        if (database != null) {
            database.close();
        }
        RedisKeys.deleteAll(REDIS_URL, redisPrefix);
    }

    Api api() {
        return api;
    }

    String ingestApiUrl() {
        return service("ingest-api").baseUrl();
    }

    String streamProcessorUrl() {
        return service("stream-processor").baseUrl();
    }

    /** The actuator of one service: {@code ingest-api}, {@code stream-processor} or {@code sink}. */
    String managementUrl(String module) {
        return service(module).managementUrl();
    }

    /** The file a service's output goes to. */
    Path log(String module) {
        return service(module).log();
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
}
