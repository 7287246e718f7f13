package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.WindowResult;
import dev.ratings.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replay against a real broker: the request goes through {@code score-generations}, the new
 * generation recomputes the same windows with its own parameters beside the live one, and when the
 * sink (a stand-in here) promotes it the service follows: the old generation stops, its consumer
 * group and internal topics are removed, and the new one writes its {@code post-scores} snapshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "ratings.replay.cleanup-retry=PT0.5S")
class ReplayIT extends StreamsOnEmbeddedKafka {

    @LocalServerPort
    int port;

    private SinkStandIn sink;

    @BeforeEach
    void startSink() {
        sink = new SinkStandIn(broker.getBrokersAsString());
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void aReplayRecomputesTheSameWindowsWithNewParametersAndTheServiceFollowsItsPromotion() throws Exception {
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, 21, "a", 5, now);
            send(producer, 21, "b", 1, now);
            send(producer, 22, "c", 4, now);
        }
        long live = currentGeneration();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ofThisTest(sink.results(live)).size() >= 2);

        HttpResponse<String> started = post("/admin/replays", "{\"set\":{\"ratings.decay.factor\":\"0.3\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long replay = json(started).get("generation").asLong();
        assertThat(started.headers().firstValue("Location")).contains("/admin/replays/" + replay);
        assertThat(json(started).get("state").asString()).isEqualTo("BUILDING");
        HttpResponse<String> second = post("/admin/replays", "{}");
        assertThat(second.statusCode()).as("one replay at a time").isEqualTo(409);
        assertThat(json(second).get("generation").asLong()).isEqualTo(replay);

        sink.promoteWhenCaughtUp(replay, this::phase);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CURRENT".equals(phase(replay)));

        List<WindowResult> old = ofThisTest(sink.results(live));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ofThisTest(sink.results(replay)).size() == old.size());
        for (WindowResult before : old) {
            WindowResult again = sink.results(replay).stream()
                    .filter(r -> r.postId() == before.postId()
                            && r.window().start() == before.window().start())
                    .findFirst()
                    .orElseThrow();
            assertThat(again.counts()).isEqualTo(before.counts());
            assertThat(again.state().target()).isEqualTo(before.state().target());
            assertThat(again.parameters().decayFactor()).isEqualTo(0.3);
            // First window: S = T + (m − T)·δ with the replay's δ.
            double target = again.state().target();
            assertThat(again.state().score())
                    .isCloseTo(target + (2.5 - target) * 0.3, org.assertj.core.data.Offset.offset(1e-12));
        }
        GenerationLifecycle log = sink.readLog();
        assertThat(log.get(live).map(Generation::state)).contains(GenerationState.RETIRED);
        assertThat(log.current().map(Generation::number)).contains(replay);
        await().atMost(Duration.ofSeconds(30))
                .alias("the snapshot of every post, once the old generation's group is gone")
                .until(() -> ofThisTest(sink.scores(replay)).size() == 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().stream()
                            .noneMatch(t -> t.startsWith("ratings-scores-g" + live + "-")));
            assertThat(admin.listConsumerGroups().all().get())
                    .noneMatch(group -> group.groupId().equals("ratings-scores-g" + live));
        }
        JsonNode generations =
                JsonMapper.shared().readTree(get("/admin/generations").body());
        assertThat(generations.get(generations.size() - 1).get("generation").asLong())
                .isEqualTo(replay);
        assertThat(generations.get(generations.size() - 1).get("runningHere").asBoolean())
                .isTrue();
    }

    @Test
    void aReplaySwitchesToDecayV2AndAnotherOneBack() throws Exception {
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, 31, "d", 2, now);
            send(producer, 31, "e", 4, now);
        }

        long v2 = replayAndPromote("{\"set\":{\"ratings.algorithm\":\"decay-v2\",\"ratings.trust.posts\":\"3\"}}");
        WindowResult trusted = await().atMost(Duration.ofSeconds(60)).until(() -> resultOf(v2, 31), Objects::nonNull);
        assertThat(trusted.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V2);
        assertThat(trusted.parameters().trust().posts()).isEqualTo(3);
        assertThat(trusted.pools().probationInWindow()).as("fresh accounts").isEqualTo(2);

        long back = replayAndPromote("{}");
        WindowResult plain = await().atMost(Duration.ofSeconds(60)).until(() -> resultOf(back, 31), Objects::nonNull);
        assertThat(plain.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V1);
        assertThat(plain.pools()).isNull();
        assertThat(plain.counts()).isEqualTo(trusted.counts());
    }

    /** The class shares one broker: a replay also recomputes the posts of the tests that ran before. */
    private static List<WindowResult> ofThisTest(List<WindowResult> results) {
        return results.stream()
                .filter(result -> result.postId() == 21 || result.postId() == 22)
                .toList();
    }

    private long replayAndPromote(String body) throws Exception {
        HttpResponse<String> started = post("/admin/replays", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long replay = json(started).get("generation").asLong();
        sink.promoteWhenCaughtUp(replay, this::phase);
        await().atMost(Duration.ofSeconds(60)).until(() -> "CURRENT".equals(phase(replay)));
        return replay;
    }

    private WindowResult resultOf(long generation, long postId) {
        return sink.results(generation).stream()
                .filter(result -> result.postId() == postId)
                .findFirst()
                .orElse(null);
    }

    @Test
    void anAbandonedReplayStopsAndItsNumberIsNeverUsedAgain() throws Exception {
        long first = json(post("/admin/replays", "{}")).get("generation").asLong();

        HttpResponse<String> abandoned = delete("/admin/replays/" + first);

        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(202);
        assertThat(json(abandoned).get("state").asString()).isEqualTo("RETIRED");
        assertThat(delete("/admin/replays/" + first).statusCode()).isEqualTo(409);
        assertThat(delete("/admin/replays/999").statusCode()).isEqualTo(404);
        HttpResponse<String> next = post("/admin/replays", "{}");
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(json(next).get("generation").asLong()).isEqualTo(first + 1);
        assertThat(delete("/admin/replays/" + (first + 1)).statusCode()).isEqualTo(202);
    }

    @Test
    void replayRequestsWithoutAValidBodyAreRefusedAndStartNothing() throws Exception {
        int before =
                JsonMapper.shared().readTree(get("/admin/generations").body()).size();

        assertRefused(post("/admin/replays", ""), "body");
        assertRefused(post("/admin/replays", "[]"), "body");
        assertRefused(post("/admin/replays", "{\"sett\":{}}"), "sett");
        assertRefused(post("/admin/replays", "{\"set\":[]}"), "set");
        assertRefused(post("/admin/replays", "{\"set\":{\"ratings.decay.factor\":true}}"), "set.ratings.decay.factor");
        assertRefused(post("/admin/replays", "{\"set\":{\"ratings.nope\":\"1\"}}"), "set");
        assertRefused(post("/admin/replays", "{\"set\":{\"ratings.decay.factor\":\"1.5\"}}"), "set");
        assertRefused(post("/admin/replays", "{\"set\":{},\"set\":{}}"), "body");
        assertRefused(post("/admin/replays", "{\"set\":{}} {}"), "body");
        assertThat(send(request("/admin/replays")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build())
                        .statusCode())
                .isEqualTo(415);

        assertThat(JsonMapper.shared()
                        .readTree(get("/admin/generations").body())
                        .size())
                .isEqualTo(before);
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    private long currentGeneration() {
        return sink.readLog().current().map(Generation::number).orElseThrow();
    }

    private String phase(long generation) {
        try {
            HttpResponse<String> status = get("/admin/replays/" + generation);
            return status.statusCode() == 200 ? json(status).get("phase").asString() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE().build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path).build());
    }

    /** Every admin call goes with an admin token. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.forAdmin("operator"));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
