package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The 202 written from Kafka's acknowledgement on the real servlet container. The producer lingers
 * 1.5 s before it sends, so every answer here comes from the callback, long after the request thread
 * has left: headers of the filters (security) and of the answer, and a client that hung up before it.
 */
@TestPropertySource(
        properties = {
            "ratings.kafka.partitions=1",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.kafka.send-timeout=PT9S",
            "spring.kafka.producer.properties[linger.ms]=1500"
        })
class CallbackAnswerIT extends RunningServiceWithBroker {

    @Test
    void theAcknowledgedRatingIsAnsweredFromTheCallbackWithEveryHeader() {
        long postId = api.createPost("answered late", "author");
        String pia = TestJwts.valid("pia");
        Map<String, String> key = Map.of("Idempotency-Key", "late-1");

        long started = System.nanoTime();
        HttpResponse<String> accepted = api.postJson(rate(postId), "{\"rating\": 4}", pia, key);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("answered after the producer's linger").isGreaterThan(Duration.ofMillis(1400));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(accepted.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(accepted.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(accepted.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(accepted.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode body = Api.json(accepted);
        assertThat(body.propertyNames()).containsExactly("ratingId", "postId", "rating", "acceptedAt");
        assertThat(body.get("postId").asLong()).isEqualTo(postId);

        HttpResponse<String> retry = api.postJson(rate(postId), "{\"rating\": 4}", pia, key);

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(accepted.body());
        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{.*status=\"202\".*uri=\"/api/posts/\\{postId\\}/rate\"");
    }

    @Test
    void aClientThatHungUpBeforeTheAcknowledgementStillHasItsRatingAcceptedAndKept() throws Exception {
        long postId = api.createPost("hung up", "author");
        String quinn = TestJwts.valid("quinn");
        byte[] body = "{\"rating\": 3}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + rate(postId) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Authorization: Bearer " + quinn + "\r\nIdempotency-Key: gone-1\r\nContent-Length: "
                            + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } // closed long before the producer sends

        ConsumerRecord<String, RatingEvent> published = await().atMost(Duration.ofSeconds(20))
                .until(() -> ratings().forPost(postId), records -> !records.isEmpty())
                .get(0);

        assertThat(published.value().userId()).isEqualTo("quinn");
        HttpResponse<String> retry =
                api.postJson(rate(postId), "{\"rating\": 3}", quinn, Map.of("Idempotency-Key", "gone-1"));
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(Api.json(retry).get("ratingId").asString())
                .isEqualTo(published.value().ratingId().toString());
        assertThat(Api.json(api.get("/api/posts/" + postId, quinn))
                        .get("myRating")
                        .asInt())
                .isEqualTo(3);
    }

    private static String rate(long postId) {
        return "/api/posts/" + postId + "/rate";
    }
}
