package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A replay against a real broker: the new generation recomputes the same windows with its own
 * parameters beside the live one, becomes current once a consumer in the sink's group has read its
 * results, and the old generation's state on the broker is removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ratings.replay.check-interval=PT0.2S")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first test counts generations from 1
class ReplayIT extends StreamsOnEmbeddedKafka {

    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);

    @LocalServerPort
    int port;

    private final List<WindowResult> sinkSaw = new CopyOnWriteArrayList<>();
    private final AtomicBoolean sinkRunning = new AtomicBoolean(true);
    private Thread sink;

    @AfterEach
    void stopSink() throws InterruptedException {
        sinkRunning.set(false);
        if (sink != null) {
            sink.join(10_000);
        }
    }

    @Test
    @Order(1)
    void replayRecomputesTheSameWindowsWithNewParametersAndBecomesCurrent() throws Exception {
        startSink();
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, 21, "a", 5, now);
            send(producer, 21, "b", 1, now);
            send(producer, 22, "c", 4, now);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> generation(1).size() == 2);

        HttpResponse<String> started = post("/admin/replays", "{\"set\":{\"ratings.decay.factor\":\"0.3\"}}");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(post("/admin/replays", "{}").statusCode())
                .as("one replay at a time")
                .isEqualTo(409);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/admin/replays/2").body().contains("\"state\":\"CURRENT\""));

        List<WindowResult> live = generation(1);
        List<WindowResult> replayed = generation(2);
        assertThat(replayed).hasSize(2);
        for (WindowResult old : live) {
            WindowResult again = replayed.stream()
                    .filter(r -> r.postId() == old.postId())
                    .findFirst()
                    .orElseThrow();
            assertThat(again.window().start()).isEqualTo(old.window().start());
            assertThat(again.counts().ratingCount()).isEqualTo(old.counts().ratingCount());
            assertThat(again.state().target()).isEqualTo(old.state().target());
            assertThat(again.parameters().decayFactor()).isEqualTo(0.3);
            // First window: S = T + (m − T)·δ with the replay's δ.
            assertThat(again.state().score())
                    .isCloseTo(
                            again.state().target() + (2.5 - again.state().target()) * 0.3,
                            org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(generationStates())
                .containsEntry(1L, GenerationState.RETIRED)
                .containsEntry(2L, GenerationState.CURRENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> scoresOfGeneration(2).size() == 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> admin.listTopics().names().get().stream()
                            .noneMatch(t -> t.startsWith("ratings-scores-g1-")));
        }
    }

    @Test
    @Order(2)
    void aReplaySwitchesToDecayV2AndAnotherOneBack() throws Exception {
        startSink();
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, 31, "d", 2, now);
            send(producer, 31, "e", 4, now);
        }

        long v2 = replay("{\"set\":{\"ratings.algorithm\":\"decay-v2\",\"ratings.trust.posts\":\"3\"}}");
        WindowResult trusted =
                await().atMost(Duration.ofSeconds(60)).until(() -> resultOf(v2, 31), java.util.Objects::nonNull);
        assertThat(trusted.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V2);
        assertThat(trusted.parameters().trust().posts()).isEqualTo(3);
        assertThat(trusted.pools().probationInWindow()).as("fresh accounts").isEqualTo(2);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/admin/replays/" + v2).body().contains("\"state\":\"CURRENT\""));

        long back = replay("{}");
        WindowResult plain =
                await().atMost(Duration.ofSeconds(60)).until(() -> resultOf(back, 31), java.util.Objects::nonNull);
        assertThat(plain.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V1);
        assertThat(plain.pools()).isNull();
        assertThat(plain.counts()).isEqualTo(trusted.counts());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/admin/replays/" + back).body().contains("\"state\":\"CURRENT\""));
    }

    /** Starts a replay once the previous one, if any, is done; returns its generation. */
    private long replay(String body) throws Exception {
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60))
                .until(() -> post("/admin/replays", body), response -> response.statusCode() == 202);
        return new tools.jackson.databind.json.JsonMapper()
                .readTree(started.body())
                .get("generation")
                .asLong();
    }

    private WindowResult resultOf(long generation, long postId) {
        return generation(generation).stream()
                .filter(result -> result.postId() == postId)
                .findFirst()
                .orElse(null);
    }

    /** Stands in for the sink: reads results in its consumer group and commits. */
    private void startSink() {
        sink = new Thread(() -> {
            try (KafkaConsumer<String, WindowResult> consumer =
                    new KafkaConsumer<>(consumerConfig("ratings-sink"), new StringDeserializer(), RESULTS)) {
                consumer.subscribe(List.of(Topics.POST_RATING_WINDOWS));
                while (sinkRunning.get()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> sinkSaw.add(record.value()));
                    consumer.commitSync();
                }
            }
        });
        sink.start();
    }

    private List<WindowResult> generation(long generation) {
        return sinkSaw.stream().filter(r -> r.generation() == generation).toList();
    }

    private List<WindowResult> scoresOfGeneration(long generation) {
        List<WindowResult> found = new ArrayList<>();
        try (KafkaConsumer<String, WindowResult> consumer =
                new KafkaConsumer<>(consumerConfig("scores-" + UUID.randomUUID()), new StringDeserializer(), RESULTS)) {
            consumer.subscribe(List.of(Topics.POST_SCORES));
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (record.value().generation() == generation) {
                        found.add(record.value());
                    }
                });
            }
        }
        return found;
    }

    private Map<Long, GenerationState> generationStates() {
        Map<Long, GenerationState> states = new java.util.TreeMap<>();
        try (KafkaConsumer<String, GenerationEvent> consumer = new KafkaConsumer<>(
                consumerConfig("generations-" + UUID.randomUUID()),
                new StringDeserializer(),
                JsonSerde.of(GenerationEvent.class))) {
            consumer.subscribe(List.of(Topics.SCORE_GENERATIONS));
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofMillis(300))
                        .forEach(record -> states.put(
                                record.value().generation(), record.value().state()));
            }
        }
        return states;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
