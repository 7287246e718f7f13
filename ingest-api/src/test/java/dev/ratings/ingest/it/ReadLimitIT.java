package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Reads are limited per client address: 3 at once, 1 per second here. The test client is on
 * loopback, which is a trusted proxy by default, so each test names a client address of its own in
 * {@code X-Forwarded-For}, as a front door on this machine would.
 */
@TestPropertySource(
        properties = {
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.read-limit.burst=3",
            "ratings.read-limit.per-second=1"
        })
class ReadLimitIT extends RunningServiceWithBroker {

    @Test
    void readsBeyondTheBurstGet429WithRetryAfterAndComeBackAtTheConfiguredRate() {
        long postId = api.createPost("read often", "author");
        Map<String, String> client = Map.of("X-Forwarded-For", "198.51.100.1");
        for (String path : List.of("/api/posts", "/api/posts/" + postId, "/api/posts/" + postId + "/windows")) {
            assertThat(api.get(path, null, client).statusCode()).as(path).isEqualTo(200);
        }

        HttpResponse<String> limited = api.get("/api/posts", null, client);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Api.json(limited).get("detail").asString())
                .isEqualTo("rate limit: address 198.51.100.1 may read at most 3 times at once and 1 times per second;"
                        + " retry in 1 s");
        // creating a post is not a read: the user's own limit applies, not the address's
        assertThat(api.postJson(
                                "/api/posts",
                                "{\"title\": \"t\", \"body\": \"\"}",
                                dev.ratings.ingest.TestJwts.valid("w"),
                                client)
                        .statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/posts", null, client).statusCode() == 200);
        String metrics = management.get("/actuator/prometheus", null).body();
        assertThat(Metrics.value(metrics, "ratings_rate_limited_total", "action=\"read\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasABucketOfItsOwn() {
        Map<String, String> first = Map.of("X-Forwarded-For", "198.51.100.2");
        for (int i = 0; i < 3; i++) {
            api.get("/api/posts", null, first);
        }
        assertThat(api.get("/api/posts", null, first).statusCode()).isEqualTo(429);

        assertThat(api.get("/api/posts", null, Map.of("X-Forwarded-For", "198.51.100.3"))
                        .statusCode())
                .isEqualTo(200);
        // a proxy chain: the client is the last address before the trusted proxies
        assertThat(api.get("/api/posts", null, Map.of("X-Forwarded-For", "198.51.100.2, 127.0.0.1"))
                        .statusCode())
                .isEqualTo(429);
    }
}
