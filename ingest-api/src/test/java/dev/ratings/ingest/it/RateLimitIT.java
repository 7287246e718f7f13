package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The per-user rate limit on the real service with a small bucket: 3 at once, 2 per second. Every
 * test has users of its own, so their buckets start full.
 */
@TestPropertySource(
        properties = {
            "ratings.kafka.partitions=1",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.rate-limit.burst=" + RateLimitIT.BURST,
            "ratings.rate-limit.per-second=" + RateLimitIT.PER_SECOND,
            // the bucket alone: these tests rate one post more often than a window allows
            "ratings.rate-limit.per-post-per-window=1000"
        })
class RateLimitIT extends RunningServiceWithBroker {

    static final int BURST = 3;
    static final int PER_SECOND = 2;

    @Test
    void afterTheBurstRatingsGet429WithRetryAfterAndComeBackAtTheConfiguredRate() {
        long postId = api.createPost("limited", "author-1");
        String gina = TestJwts.valid("gina");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            accepted.add(acceptedRatingId(api.postJson(rate(postId), "{\"rating\": 3}", gina)));
        }

        HttpResponse<String> limited = api.postJson(rate(postId), "{\"rating\": 3}", gina);
        long limitedAt = System.nanoTime();

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // less than one token's time (1/2 s) away, rounded up to whole seconds
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Api.json(limited).get("detail").asString())
                .startsWith("rate limit: user gina may rate posts at most 3 times at once and 2 times per second");

        AtomicInteger refused = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    HttpResponse<String> response = api.postJson(rate(postId), "{\"rating\": 3}", gina);
                    if (response.statusCode() == 202) {
                        accepted.add(acceptedRatingId(response));
                    } else {
                        assertThat(response.statusCode()).isEqualTo(429);
                        refused.incrementAndGet();
                    }
                    return accepted.size() == BURST + 4;
                });

        // four more tokens at 2 per second take two seconds, less what was left of one at the 429
        Duration elapsed = Duration.ofNanos(System.nanoTime() - limitedAt);
        assertThat(elapsed).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
        assertThat(refused).hasPositiveValue();
        // refused ratings published nothing
        ratings().awaitRating(accepted.get(accepted.size() - 1));
        assertThat(ratings().forPost(postId)).hasSize(accepted.size());
    }

    @Test
    void theLimitIsTheAuthenticatedUsersWhateverTheHeadersSay() {
        long postId = api.createPost("per user", "author-2");
        String hana = TestJwts.valid("hana");
        // A token comes back every half second: on a loaded machine the burst may refill while it is
        // spent, so spend until refused and ask again at once (a slow round is tried again).
        HttpResponse<String> disguised = null;
        for (int round = 0; round < 5 && disguised == null; round++) {
            int sent = 0;
            while (api.postJson(rate(postId), "{\"rating\": 4}", hana).statusCode() == 202) {
                assertThat(++sent).as("ratings accepted before the first 429").isLessThan(BURST * 10);
            }
            long refusedAt = System.nanoTime();
            HttpResponse<String> response = api.postJson(
                    rate(postId),
                    "{\"rating\": 4}",
                    hana,
                    Map.of("X-Forwarded-For", "203.0.113.9", "X-User-Id", "ivan"));
            if (Duration.ofNanos(System.nanoTime() - refusedAt).compareTo(Duration.ofMillis(300)) < 0) {
                disguised = response;
            }
        }

        assertThat(disguised).as("a round fast enough to tell").isNotNull();
        assertThat(disguised.statusCode()).isEqualTo(429);
        assertThat(api.postJson(rate(postId), "{\"rating\": 4}", TestJwts.valid("ivan"))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void creatingPostsHasABucketOfItsOwn() {
        String jo = TestJwts.valid("jo");
        for (int i = 0; i < BURST; i++) {
            assertThat(api.postJson("/api/posts", "{\"title\": \"t" + i + "\", \"body\": \"\"}", jo)
                            .statusCode())
                    .isEqualTo(201);
        }

        HttpResponse<String> limited = api.postJson("/api/posts", "{\"title\": \"one more\", \"body\": \"\"}", jo);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Api.json(limited).get("detail").asString()).startsWith("rate limit: user jo may create posts");
        long postId = api.createPost("rated by jo", "author-3");
        assertThat(api.postJson(rate(postId), "{\"rating\": 5}", jo).statusCode())
                .isEqualTo(202);
    }

    @Test
    void malformedRatingsTakeNoTokenButUnknownPostsDo() {
        long postId = api.createPost("tokens", "author-4");
        String kim = TestJwts.valid("kim");
        for (int i = 0; i < 2 * BURST; i++) {
            assertThat(api.postJson(rate(postId), "{\"rating\": 4.5}", kim).statusCode())
                    .isEqualTo(400);
        }
        for (int i = 0; i < BURST; i++) {
            acceptedRatingId(api.postJson(rate(postId), "{\"rating\": 4}", kim));
        }

        String lee = TestJwts.valid("lee");
        for (int i = 0; i < BURST; i++) {
            assertThat(api.postJson(rate(Long.MAX_VALUE), "{\"rating\": 4}", lee)
                            .statusCode())
                    .isEqualTo(404);
        }
        // the limit bounds how often one user makes the service look for posts that do not exist
        assertThat(api.postJson(rate(Long.MAX_VALUE), "{\"rating\": 4}", lee).statusCode())
                .isEqualTo(429);
    }

    private static String acceptedRatingId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Api.json(response).get("ratingId").asString();
    }

    private static String rate(long postId) {
        return "/api/posts/" + postId + "/rate";
    }
}
