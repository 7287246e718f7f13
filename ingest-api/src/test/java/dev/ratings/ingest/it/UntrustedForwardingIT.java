package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The test client as an untrusted peer (loopback is not among the trusted proxies here): whatever
 * its {@code X-Forwarded-For} says, its reads are counted against its own address.
 */
@TestPropertySource(
        properties = {
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.read-limit.burst=3",
            "ratings.read-limit.per-second=0.01",
            "server.tomcat.remoteip.internal-proxies=10\\\\.9\\\\.9\\\\.9"
        })
class UntrustedForwardingIT extends RunningServiceWithBroker {

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 3; i++) {
            String spoofed = "203.0.113." + i;
            assertThat(api.get("/api/posts", null, Map.of("X-Forwarded-For", spoofed))
                            .statusCode())
                    .as(spoofed)
                    .isEqualTo(200);
        }

        HttpResponse<String> limited = api.get("/api/posts", null, Map.of("X-Forwarded-For", "203.0.113.99"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Api.json(limited).get("detail").asString()).startsWith("rate limit: address 127.0.0.1 may read");
    }
}
