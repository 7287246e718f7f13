package dev.ratings.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.testsupport.TemporaryDatabase;
import dev.ratings.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole sink on a random port, an embedded KRaft broker and a fresh PostgreSQL database, with
 * what its tests share: an admin client, consumer lag, rewinding a listener, reading dead letters.
 * Subclasses set the partitions with {@code @TestPropertySource}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ratings.sink.retry.initial-interval=100ms", "ratings.sink.retry.max-interval=1s"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@DirtiesContext
public abstract class RunningSink {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicLong POST_IDS = new AtomicLong(1_000);

    private static TemporaryDatabase database;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @LocalManagementPort
    private int managementPort;

    @LocalServerPort
    private int appPort;

    protected Admin admin;

    @DynamicPropertySource
    static void useTemporaryDatabase(DynamicPropertyRegistry registry) {
        database = TemporaryDatabase.create();
        database.addDataSourceProperties(registry::add);
        TestTokens.addSecretProperty(registry::add);
    }

    /** The drop terminates the sink's idle connections; {@code @DirtiesContext} then closes it. */
    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void connectAdmin() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    /** Post ids no other test has used. */
    protected static List<Long> newPostIds(int count) {
        long first = POST_IDS.getAndAdd(count);
        return LongStream.range(first, first + count).boxed().toList();
    }

    /** How far the group's committed offsets are behind the (committed) end of the topic. */
    protected long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += end.getValue().offset() - (position == null ? 0 : position.offset());
        }
        return lag;
    }

    /** Stops the listener, moves its group's committed offsets back, starts it again: a redelivery. */
    protected void rewind(String listenerId, String group, Map<TopicPartition, Long> offsets) {
        MessageListenerContainer container = listeners.getListenerContainer(listenerId);
        container.stop();
        Map<TopicPartition, OffsetAndMetadata> rewound = offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        // the broker accepts this only once the stopped consumer has left the group
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .until(() ->
                        admin.alterConsumerGroupOffsets(group, rewound).all().get() == null);
        container.start();
    }

    /** Waits until the dead-letter topic holds a record for each key, and returns them by key. */
    protected Map<String, ConsumerRecord<String, byte[]>> awaitDeadLetters(String topic, List<String> keys) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + keys.get(0),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found.put(record.key(), record);
                    }
                }
                return found.keySet().containsAll(keys);
            });
        }
        return found;
    }

    /**
     * The body of a GET, which must answer 200: {@code /admin/**} on the app port with an admin
     * token, anything else on the management port (actuator).
     */
    protected String get(String path) throws Exception {
        boolean admin = path.startsWith("/admin/");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (admin ? appPort : managementPort) + path));
        if (admin) {
            request.header("Authorization", "Bearer " + TestTokens.forAdmin("operator"));
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
