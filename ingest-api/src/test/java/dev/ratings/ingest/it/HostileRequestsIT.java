package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.MalformedRequests.BadRequest;
import dev.ratings.ingest.MalformedRequests.Header;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.fuzz.Property;
import dev.ratings.ingest.fuzz.RandomBodies;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service (embedded KRaft broker, real Redis, a PostgreSQL database of its own) against
 * every request of the {@link MalformedRequests} corpus and against random bodies: each gets the
 * exact status with a problem+json body, never a 5xx, and afterwards the {@code ratings} topic holds
 * no record at all.
 */
@TestPropertySource(
        properties = {"ratings.kafka.partitions=2", "ratings.redis.url=" + RedisKeys.URL, RedisKeys.PATIENT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsIT extends RunningServiceWithBroker {

    private static final int TRIES = 400;

    private long postId;

    @BeforeAll
    void createThePostEveryRequestAims() {
        postId = new Api(port).createPost("target", "author");
    }

    static List<BadRequest> corpus() {
        return MalformedRequests.all();
    }

    @Test
    @Order(0)
    void theCorpusHasOverAHundredRequests() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void malformedRequestGetsItsStatusAndAProblem(BadRequest bad) {
        RawHttp.Response response = new RawHttp(port).send(bad.method(), bad.path(postId), bad.headers(), bad.body());

        assertThat(response.status()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).startsWith(bad.detail());
        if (bad.status() == 401) {
            assertThat(response.header("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }
    }

    @Test
    @Order(2)
    void randomJsonThatIsNotARatingGets4xxNever5xx() {
        List<Header> headers = List.of(
                new Header("Content-Type", "application/json"),
                new Header("Authorization", "Bearer " + TestJwts.valid("fuzz-json")));
        new Property<>("random JSON rating bodies", RandomBodies::notARating, RandomBodies::smaller, RandomBodies::show)
                .check(TRIES, body -> refused(api.send("POST", "/api/posts/" + postId + "/rate", headers, body)));
    }

    @Test
    @Order(3)
    void randomBytesGet4xxNever5xx() {
        List<Header> headers = List.of(
                new Header("Content-Type", "application/json"),
                new Header("Authorization", "Bearer " + TestJwts.valid("fuzz-bytes")));
        new Property<>("random bytes as a rating", RandomBodies::bytes, RandomBodies::smaller, RandomBodies::show)
                .check(TRIES, body -> refused(api.send("POST", "/api/posts/" + postId + "/rate", headers, body)));
        new Property<>("random bytes as a post", RandomBodies::bytes, RandomBodies::smaller, RandomBodies::show)
                .check(TRIES / 2, body -> refused(api.send("POST", "/api/posts", headers, body)));
    }

    @Test
    @Order(4)
    void afterAllOfThemTheRatingsTopicHoldsNoRecordAndNoPostWasCreated() {
        assertThat(ratings().readToEnd()).isEmpty();

        // the same reader does see a rating that is accepted
        HttpResponse<String> accepted =
                api.postJson("/api/posts/" + postId + "/rate", "{\"rating\": 3}", TestJwts.valid("witness"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        ratings().awaitRating(Api.json(accepted).get("ratingId").asString());
        assertThat(ratings().readToEnd()).hasSize(1);
        assertThat(Api.json(api.get("/api/posts", null)).get("total").asLong()).isEqualTo(1);
    }

    private static void refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(problem(response).get("status").asInt()).isEqualTo(response.statusCode());
    }

    private static JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        return problem;
    }
}
