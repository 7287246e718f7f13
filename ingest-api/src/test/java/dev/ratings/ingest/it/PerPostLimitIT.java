package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * One user rates one post at most 3 times per window of {@code ratings.window.size} (6 s here), in
 * the windows the stream processor uses: the fourth rating in a window is refused with 429 until the
 * next window starts, and only the accepted ones reach Kafka.
 */
@TestPropertySource(
        properties = {
            "ratings.kafka.partitions=1",
            "ratings.redis.url=" + RedisKeys.URL,
            RedisKeys.PATIENT,
            "ratings.window.size=PT6S",
            "ratings.rate-limit.per-post-per-window=3"
        })
class PerPostLimitIT extends RunningServiceWithBroker {

    private static final long W = 6_000;

    @Test
    void theFourthRatingOfAPostInAWindowIs429AndTheNextWindowAcceptsAgain() {
        long postId = api.createPost("rated again and again", "author");
        long otherPostId = api.createPost("another", "author");
        String nina = TestJwts.valid("nina");
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() % W < 300);
        List<String> accepted = new ArrayList<>();
        for (int rating = 1; rating <= 3; rating++) {
            accepted.add(ratingId(api.postJson(rate(postId), "{\"rating\": " + rating + "}", nina)));
        }

        HttpResponse<String> fourth = api.postJson(rate(postId), "{\"rating\": 5}", nina);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Integer.parseInt(fourth.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 6);
        assertThat(Api.json(fourth).get("detail").asString())
                .startsWith("rate limit: user nina may rate post " + postId
                        + " at most 3 times per window of 6 seconds (ratings.window.size); the next window starts in");
        // another post and another user are not affected
        accepted.add(ratingId(api.postJson(rate(otherPostId), "{\"rating\": 5}", nina)));
        accepted.add(ratingId(api.postJson(rate(postId), "{\"rating\": 5}", TestJwts.valid("olga"))));

        String nextWindow = await().atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.postJson(rate(postId), "{\"rating\": 5}", nina),
                        response -> response.statusCode() == 202)
                .body();
        accepted.add(Api.json(nextWindow).get("ratingId").asString());

        ratings().awaitRating(accepted.get(accepted.size() - 1));
        List<ConsumerRecord<String, RatingEvent>> ninas = ratings().forPost(postId).stream()
                .filter(record -> record.value().userId().equals("nina"))
                .toList();
        assertThat(ninas).hasSize(4);
        long firstWindow = ninas.get(0).timestamp() / W;
        assertThat(ninas.subList(0, 3))
                .allSatisfy(record -> assertThat(record.timestamp() / W).isEqualTo(firstWindow));
        assertThat(ninas.get(3).timestamp() / W).isGreaterThan(firstWindow);
    }

    private static String ratingId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Api.json(response).get("ratingId").asString();
    }

    private static String rate(long postId) {
        return "/api/posts/" + postId + "/rate";
    }
}
