package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.stream.streams.MicrometerWindowMetrics;
import dev.ratings.stream.streams.ScoreStreams;
import dev.ratings.stream.streams.StreamsConfigFactory;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.StreamTimeObserver;
import dev.ratings.testsupport.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two stream processor instances on one broker, as {@code ./ratings up --replicas 2} runs them, and
 * a sink stand-in that promotes replays. A replay requested on either instance runs on both; two
 * requests at once get one 202 and one 409; the promotion is followed by both; the old
 * generation's group and topics go only when every member has left it, and the new generation's
 * {@code post-scores} snapshot waits for that, survives an instance restarting and is written once.
 * The tests run in order, on one log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoProcessorsReplayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final List<Long> POSTS = List.of(41L, 42L, 43L);
    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);

    @TempDir
    static Path stateDirs;

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static SinkStandIn sink;
    private static Admin admin;
    private static long replay;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperties(
                Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(() -> start("a"));
        b = start("b");
        a = first.get();
        sink = new SinkStandIn(broker.getBrokersAsString());
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable closeable : new AutoCloseable[] {sink, a, b, admin}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // going down anyway
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void aReplayRequestedOnOneInstanceRunsOnBothAndOfTwoRequestsAtOnceOneIsTaken() throws Exception {
        await().atMost(PATIENCE)
                .until(() -> runningHere(a).equals(Set.of(1L)) && runningHere(b).equals(Set.of(1L)));
        produceRatings();
        await().atMost(PATIENCE).until(() -> sink.results(1).size() == POSTS.size());

        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> onA =
                CompletableFuture.supplyAsync(() -> postAfter(go, a, "{\"set\":{\"ratings.decay.factor\":\"0.3\"}}"));
        CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> postAfter(go, b, "{}"));
        go.countDown();
        List<HttpResponse<String>> answers = List.of(onA.get(), onB.get());

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        HttpResponse<String> taken =
                answers.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow();
        replay = json(taken.body()).get("generation").asLong();
        HttpResponse<String> refused =
                answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(json(refused.body()).get("generation").asLong()).isEqualTo(replay);
        await().atMost(PATIENCE)
                .until(() -> runningHere(a).contains(replay) && runningHere(b).contains(replay));
        await().atMost(PATIENCE).until(() -> members("ratings-scores-g" + replay) == 2);
        assertThat(status(a, replay).get("state").asString()).isEqualTo("BUILDING");
        assertThat(status(b, replay).get("parameters"))
                .isEqualTo(status(a, replay).get("parameters"));
    }

    @Test
    @Order(2)
    void thePromotionIsFollowedEverywhereAndTheSnapshotWaitsUntilTheOldGenerationStoppedEverywhere() throws Exception {
        // an instance still running generation 1 (slow to follow the log, or partitioned away)
        ScoreStreams laggard = laggardOfGenerationOne();
        await().atMost(PATIENCE).until(() -> members("ratings-scores-g1") == 3);

        sink.promoteWhenCaughtUp(replay, generation -> phase(b, generation));
        await().atMost(PATIENCE)
                .until(() ->
                        runningHere(a).equals(Set.of(replay)) && runningHere(b).equals(Set.of(replay)));
        assertThat(status(a, replay).get("state").asString()).isEqualTo("CURRENT");
        assertThat(status(b, 1).get("state").asString()).isEqualTo("RETIRED");
        awaitNoSnapshotFor(Duration.ofSeconds(3));

        a.close(); // an instance going down and coming back meanwhile
        a = start("a");
        await().atMost(PATIENCE).until(() -> runningHere(a).equals(Set.of(replay)));
        awaitNoSnapshotFor(Duration.ofSeconds(3));

        laggard.close();
        await().atMost(PATIENCE).until(() -> sink.scores(replay).size() >= POSTS.size());
        assertThat(sink.scores(replay))
                .as("one snapshot record per post")
                .extracting(result -> result.postId())
                .containsExactlyInAnyOrderElementsOf(POSTS);
        await().atMost(PATIENCE)
                .until(() -> admin.listTopics().names().get().stream()
                        .noneMatch(topic -> topic.startsWith("ratings-scores-g1-")));
        assertThat(admin.listConsumerGroups().all().get())
                .noneMatch(group -> group.groupId().equals("ratings-scores-g1"));

        b.close();
        b = start("b");
        await().atMost(PATIENCE).until(() -> runningHere(b).equals(Set.of(replay)));
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> sink.scores(replay).size() == POSTS.size());
        List<GenerationEvent> promotions = sink.events().stream()
                .filter(event -> event.state() == GenerationState.CURRENT && event.generation() == replay)
                .toList();
        assertThat(promotions).hasSize(1);
    }

    private static void awaitNoSnapshotFor(Duration duration) {
        await().during(duration)
                .atMost(duration.plusSeconds(30))
                .until(() -> sink.scores(replay).isEmpty());
    }

    private static ScoreStreams laggardOfGenerationOne() {
        GenerationEvent first = sink.readLog().get(1).orElseThrow().startedBy();
        Properties config = a.getBean(StreamsConfigFactory.class).forGeneration(1);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirs.resolve("laggard").toString());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoreStreams laggard = new ScoreStreams(
                new dev.ratings.stream.windows.TopologySettings(
                        first.parameters(), Duration.ofMillis(first.graceMs()), 1, 2),
                config,
                new MicrometerWindowMetrics(registry, 1, System::currentTimeMillis),
                StreamTimeObserver.NONE,
                ScorePublication.silent(),
                registry);
        laggard.start();
        return laggard;
    }

    private static void produceRatings() {
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (long post : POSTS) {
                RatingEvent event = new RatingEvent(UUID.randomUUID(), post, "user-" + post, (int) (post % 6), now);
                producer.send(new ProducerRecord<>(
                        Topics.RATINGS, null, now, Long.toString(post), EVENTS.serialize(null, event)));
            }
        }
    }

    private static ConfigurableApplicationContext start(String name) {
        // arguments, not default properties: application.yml would override those
        return new SpringApplicationBuilder(StreamProcessorApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--ratings.auth.jwt-secret=" + TestTokens.SECRET,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--ratings.kafka.partitions=2",
                        "--ratings.window.size=PT2S",
                        "--ratings.window.grace=PT0.5S",
                        "--ratings.heartbeat.interval=PT0.2S",
                        "--ratings.streams.state-dir=" + stateDirs.resolve(name),
                        "--ratings.streams.standby-replicas=1",
                        "--ratings.replay.cleanup-retry=PT0.5S");
    }

    private static long members(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group))
                .all()
                .get()
                .get(group)
                .members()
                .size();
    }

    private static Set<Long> runningHere(ConfigurableApplicationContext instance) throws Exception {
        Set<Long> running = new java.util.TreeSet<>();
        json(get(instance, "/admin/generations").body()).forEach(generation -> {
            if (generation.get("runningHere").asBoolean()) {
                running.add(generation.get("generation").asLong());
            }
        });
        return running;
    }

    private static JsonNode status(ConfigurableApplicationContext instance, long generation) throws Exception {
        return json(get(instance, "/admin/replays/" + generation).body());
    }

    private static String phase(ConfigurableApplicationContext instance, long generation) {
        try {
            return status(instance, generation).get("phase").asString();
        } catch (Exception e) {
            return null;
        }
    }

    private static HttpResponse<String> postAfter(
            CountDownLatch go, ConfigurableApplicationContext instance, String body) {
        try {
            go.await();
            return HttpClient.newHttpClient()
                    .send(
                            admin(instance, "/admin/replays")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path) throws Exception {
        return HttpClient.newHttpClient().send(admin(instance, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to an instance's admin API, with an admin token. */
    private static HttpRequest.Builder admin(ConfigurableApplicationContext instance, String path) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.forAdmin("operator"));
    }

    private static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }
}
