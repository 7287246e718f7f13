package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/cache-rebuilds} refills Redis from Kafka and can be followed to its end. The
 * periodic check runs once an hour here, so only the request can have started the rebuild.
 */
@TestPropertySource(
        properties = {
            "ratings.kafka.partitions=2",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.cache.check-interval=PT1H"
        })
class CacheRebuildEndpointIT extends RunningServiceWithBroker {

    private static final String REBUILDS = "/admin/cache-rebuilds";
    /** /admin/** needs the admin scope (the security filter chain's rule). */
    private static final String ADMIN = TestJwts.admin();

    @Test
    void aRequestedRebuildRefillsTheCacheAndIsFollowedToItsEnd() {
        long postId = api.createPost("rebuilt", "author");
        String alice = TestJwts.valid("alice");
        assertThat(api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 2}", alice)
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 4}", alice)
                        .statusCode())
                .isEqualTo(202);
        RedisKeys.call(redis -> redis.del(redisPrefix + "user:alice:ratings"));
        assertThat(myRating(postId, alice)).isNull();

        HttpResponse<String> requested = api.postJson(REBUILDS, "{}", ADMIN);

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String location = requested.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(REBUILDS + "/[1-9][0-9]*");
        JsonNode status = Api.json(requested);
        assertThat(location).endsWith("/" + status.get("id").asLong());
        assertThat(status.get("state").asString()).isIn("requested", "running", "done");
        assertThat(status.get("trigger").asString()).isEqualTo("request");
        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> Api.json(api.get(location, ADMIN)),
                        rebuild -> !rebuild.get("state").asString().matches("requested|running"));
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("ratings").asLong()).isEqualTo(2);
        assertThat(done.get("records").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(done.propertyNames()).contains("requestedAt", "startedAt", "finishedAt", "seconds");
        assertThat(myRating(postId, alice)).isEqualTo(4);
        assertThat(Api.json(api.get(REBUILDS + "/latest", ADMIN)).get("id").asLong())
                .isEqualTo(done.get("id").asLong());
        String marker = RedisKeys.call(redis -> redis.get(redisPrefix + "cache:filled"));
        assertThat(marker).startsWith("rebuilt at");
    }

    @Test
    void theBodyMustBeAnEmptyObject() {
        for (Map.Entry<String, String> bad : Map.of(
                        "{\"force\": true}", "force: unknown field \"force\"",
                        "", "body: must be a JSON object, got an empty body",
                        "[]", "body: must be a JSON object",
                        "{} {}", "body: is not valid JSON")
                .entrySet()) {
            HttpResponse<String> refused = api.postJson(REBUILDS, bad.getKey(), ADMIN);
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.json(refused).get("detail").asString()).startsWith(bad.getValue());
        }
        HttpResponse<String> notJson = api.send(
                "POST",
                REBUILDS,
                List.of(
                        new dev.ratings.ingest.MalformedRequests.Header("Content-Type", "text/plain"),
                        new dev.ratings.ingest.MalformedRequests.Header("Authorization", "Bearer " + ADMIN)),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notJson.statusCode()).isEqualTo(415);
    }

    @Test
    void anUnknownRebuildIsNotFoundAndAMalformedIdIsABadRequest() {
        assertThat(api.get(REBUILDS + "/987654321", ADMIN).statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = api.get(REBUILDS + "/abc", ADMIN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(Api.json(malformed).get("detail").asString()).startsWith("id: must be a rebuild number or latest");
    }

    private Integer myRating(long postId, String token) {
        JsonNode myRating = Api.json(api.get("/api/posts/" + postId, token)).get("myRating");
        return myRating.isNull() ? null : myRating.asInt();
    }
}
