package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service on a random port against a fresh PostgreSQL database, the shared Redis (under a key
 * prefix of its own) and an embedded KRaft broker. Every test creates its own posts.
 */
@TestPropertySource(
        properties = {"ratings.kafka.partitions=2", "ratings.redis.url=" + RedisKeys.URL, RedisKeys.PATIENT})
class IngestApiIT extends RunningServiceWithBroker {

    private static final long W = 300_000;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DefaultKafkaProducerFactory<String, RatingEvent> ratingProducers;

    @Test
    void theRatingProducerWaitsForEveryReplicaAndLingersOneMillisecond() {
        Map<String, Object> config = ratingProducers.getConfigurationProperties();

        assertThat(config)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThat(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG))).isEqualTo("1");
    }

    @Test
    void acceptedRatingIsOnTheTopicKeyedByPostWithAcceptedAtAsTimestamp() {
        long postId = api.createPost("keyed", "author");

        HttpResponse<String> accepted = api.postJson(rate(postId), "{\"rating\": 4}", TestJwts.valid("alice"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = Api.json(accepted);
        assertThat(body.get("postId").asLong()).isEqualTo(postId);
        assertThat(body.get("rating").asInt()).isEqualTo(4);
        String acceptedAt = body.get("acceptedAt").asString();
        assertThat(acceptedAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        ConsumerRecord<String, RatingEvent> record =
                ratings().awaitRating(body.get("ratingId").asString());
        assertThat(record.key()).isEqualTo(Long.toString(postId));
        assertThat(record.timestamp()).isEqualTo(Instant.parse(acceptedAt).toEpochMilli());
        assertThat(record.value().userId()).isEqualTo("alice");
        assertThat(record.value().postId()).isEqualTo(postId);
        assertThat(record.value().rating()).isEqualTo(4);
        assertThat(record.value().acceptedAt()).isEqualTo(record.timestamp());
    }

    @Test
    void myRatingIsVisibleRightAfterThe202AndReRatingReplacesIt() {
        long postId = api.createPost("mine", "author");
        String alice = TestJwts.valid("alice");

        assertThat(api.postJson(rate(postId), "{\"rating\": 2}", alice).statusCode())
                .isEqualTo(202);
        assertThat(myRating(api.get(post(postId), alice))).isEqualTo(2);

        assertThat(api.postJson(rate(postId), "{\"rating\": 5}", alice).statusCode())
                .isEqualTo(202);
        assertThat(myRating(api.get(post(postId), alice))).isEqualTo(5);

        JsonNode listed = itemFor(Api.json(api.get("/api/posts/?size=100", alice)), postId);
        assertThat(listed.get("myRating").asInt()).isEqualTo(5);
        assertThat(Api.json(api.get(post(postId), null)).get("myRating").isNull())
                .isTrue();
        assertThat(Api.json(api.get(post(postId), TestJwts.valid("bob")))
                        .get("myRating")
                        .isNull())
                .isTrue();
    }

    @Test
    void malformedRatingsPublishNothing() {
        long postId = api.createPost("malformed", "author");
        String alice = TestJwts.valid("alice");
        for (String body : List.of(
                "{\"rating\": 4.5}",
                "{\"rating\": 4.0}",
                "{\"rating\": \"5\"}",
                "{\"rating\": null}",
                "{}",
                "{\"rating\": 4, \"extra\": 1}",
                "{\"rating\": 4, \"rating\": 5}",
                "{\"rating\": 4} trailing",
                "not json")) {
            HttpResponse<String> refused = api.postJson(rate(postId), body, alice);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(myRatingOrNull(api.get(post(postId), alice))).isNull();

        // a valid rating after them: once it is on the topic, anything sent before it would be too
        String marker = Api.json(api.postJson(rate(postId), "{\"rating\": 1}", alice))
                .get("ratingId")
                .asString();
        ratings().awaitRating(marker);

        assertThat(ratings().forPost(postId))
                .extracting(record -> record.value().ratingId().toString())
                .containsExactly(marker);
    }

    @Test
    void ratingAnUnknownPostIsNotFound() {
        HttpResponse<String> response = api.postJson(rate(987_654_321), "{\"rating\": 3}", TestJwts.valid("alice"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(response).get("detail").asString()).isEqualTo("postId: there is no post 987654321");
    }

    @Test
    void scoresComeFromTheLatestWindowOfTheCurrentGenerationDecayedToNow() {
        long postId = api.createPost("scored", "author");
        // 2.5 windows ago: two whole quiet windows have passed, a third will not for 150 s
        long windowEnd = System.currentTimeMillis() - 5 * W / 2;
        double target = 4.2;
        double score = 3.4;
        double decay = 0.5;
        insertWindow("post_scores", 1, postId, windowEnd, 3, 11, 11.0 / 3, target, score, decay);
        insertWindow("post_scores", 2, postId, windowEnd + W, 9, 9, 1.0, 1.0, 1.0, decay); // a replay, building

        JsonNode shown = Api.json(api.get(post(postId), null));

        double expectedAverage = target + (score - target) * decay * decay;
        assertThat(shown.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(shown.get("rawAverage").asDouble()).isCloseTo(11.0 / 3, within(1e-12));
        assertThat(shown.get("averageRating").asDouble()).isCloseTo(expectedAverage, within(1e-12));
        assertThat(shown.get("scoreUpdatedAt").asString()).isEqualTo(iso(windowEnd));

        JsonNode listed = itemFor(Api.json(api.get("/api/posts?size=100", null)), postId);
        assertThat(listed.get("averageRating").asDouble()).isCloseTo(expectedAverage, within(1e-12));
        assertThat(listed.get("ratingCount").asLong()).isEqualTo(3);
    }

    @Test
    void postWithoutScoresShowsNulls() {
        long postId = api.createPost("unscored", "author");

        JsonNode shown = Api.json(api.get(post(postId), null));

        assertThat(shown.get("title").asString()).isEqualTo("unscored");
        for (String field : List.of("ratingCount", "averageRating", "rawAverage", "myRating", "scoreUpdatedAt")) {
            assertThat(shown.get(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void windowsAreTheCurrentGenerationsNewestFirst() {
        long postId = api.createPost("windows", "author");
        long end = (System.currentTimeMillis() / W) * W;
        insertWindow("post_rating_windows", 1, postId, end - 2 * W, 1, 4, 4.0, 4.0, 3.25, 0.5);
        insertWindow("post_rating_windows", 1, postId, end - W, 2, 7, 3.5, 3.5, 3.375, 0.5);
        insertWindow("post_rating_windows", 1, postId, end, 3, 9, 3.0, 3.0, 3.1875, 0.5);
        insertWindow("post_rating_windows", 2, postId, end + W, 9, 9, 1.0, 1.0, 1.0, 0.5);

        JsonNode two = Api.json(api.get("/api/posts/" + postId + "/windows/?limit=2", null));

        assertThat(two.get("items")).hasSize(2);
        JsonNode newest = two.get("items").get(0);
        assertThat(newest.get("windowEnd").asString()).isEqualTo(iso(end));
        assertThat(newest.get("windowStart").asString()).isEqualTo(iso(end - W));
        assertThat(newest.get("ratingCount").asLong()).isEqualTo(3);
        assertThat(newest.get("generation").asLong()).isEqualTo(1);
        List<String> flat = new ArrayList<>(
                FlatFields.WINDOW_RESULT.stream().map(FlatFields.Field::name).toList());
        flat.add("probationWeightShare");
        assertThat(newest.propertyNames())
                .as("the contract's flat window result and the probation share")
                .containsExactlyElementsOf(flat);
        assertThat(newest.get("trustedInWindow").isNull()).as("decay-v1").isTrue();
        assertThat(newest.get("probationWeightShare").isNull()).isTrue();
        assertThat(two.get("items").get(1).get("windowEnd").asString()).isEqualTo(iso(end - W));

        JsonNode all = Api.json(api.get("/api/posts/" + postId + "/windows", null));
        assertThat(all.get("items")).hasSize(3);
    }

    @Test
    void decayV2WindowsShowHowManyRatingsCameFromTrustedRatersAndTheProbationShare() {
        long postId = api.createPost("trusted", "author");
        long end = (System.currentTimeMillis() / W) * W;
        insertWindow("post_rating_windows", 1, postId, end, 3, 9, 3.0, 3.0, 3.1875, 0.5);
        jdbc.sql("""
                        UPDATE post_rating_windows SET algorithm = 'decay-v2',
                          trusted_in_window = 7, probation_in_window = 5, probation_burst_weight = 1,
                          probation_baseline = 1, trusted_weight = 6, trusted_weighted_sum = 24,
                          probation_weight = 4, probation_weighted_sum = 0, probation_scale = 0.5,
                          trust_floor = 0.05, trust_age_windows = 2016, trust_posts = 5,
                          probation_share = 0.1, probation_floor = 10
                        WHERE post_id = :postId
                        """).param("postId", postId).update();

        JsonNode window = Api.json(api.get("/api/posts/" + postId + "/windows", null))
                .get("items")
                .get(0);

        assertThat(window.get("algorithm").asString()).isEqualTo("decay-v2");
        assertThat(window.get("trustedInWindow").asLong()).isEqualTo(7);
        assertThat(window.get("probationInWindow").asLong()).isEqualTo(5);
        // s·W_P / (W_E + s·W_P) = 2 / 8
        assertThat(window.get("probationWeightShare").asDouble()).isEqualTo(0.25);
        assertThat(window.get("trustAgeWindows").asLong()).isEqualTo(2016);
    }

    @Test
    void windowsOfAnUnknownPostOrWithABadLimitAreRefused() {
        long postId = api.createPost("limits", "author");

        assertThat(api.get("/api/posts/987654322/windows/", null).statusCode()).isEqualTo(404);
        for (String limit : List.of("0", "501", "-1", "ten")) {
            HttpResponse<String> refused = api.get("/api/posts/" + postId + "/windows/?limit=" + limit, null);
            assertThat(refused.statusCode()).as(limit).isEqualTo(400);
            assertThat(Api.json(refused).get("detail").asString())
                    .startsWith("limit: must be an integer from 1 to 500");
        }
        assertThat(api.get("/api/posts/" + postId + "/windows/?limit=500", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyPathWorksWithAndWithoutTrailingSlash() {
        long postId = api.createPost("slashes", "author");
        String alice = TestJwts.valid("alice");

        for (String path : List.of(
                "/api/posts",
                "/api/posts/",
                post(postId),
                post(postId) + "/",
                windows(postId),
                windows(postId) + "/")) {
            assertThat(api.get(path, null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(api.postJson("/api/posts", "{\"title\": \"t\", \"body\": \"\"}", alice)
                        .statusCode())
                .isEqualTo(201);
        assertThat(api.postJson(rate(postId), "{\"rating\": 3}", alice).statusCode())
                .isEqualTo(202);
        assertThat(api.postJson(rate(postId) + "/", "{\"rating\": 3}", alice).statusCode())
                .isEqualTo(202);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        HttpResponse<String> missing = api.get("/api/nothing-here", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> wrongMethod = api.postJson("/api/posts/1/windows", "{}", TestJwts.valid("alice"));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthReportsDatabaseKafkaAndRedis() {
        JsonNode health = Api.json(management.get("/actuator/health", null));

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString())
                .isEqualTo("UP");
        assertThat(health.get("components").get("redis").get("status").asString())
                .isEqualTo("UP");
        assertThat(management.get("/actuator/health/liveness", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(Api.json(readiness).get("status").asString()).isEqualTo("UP");
        assertThat(Api.json(readiness).get("components").propertyNames()).contains("db", "kafka", "redis");
    }

    @Test
    void prometheusShowsRequestHistogramsAndPublishedRatings() {
        long postId = api.createPost("metrics", "author");
        assertThat(api.postJson(rate(postId), "{\"rating\": 3}", TestJwts.valid("alice"))
                        .statusCode())
                .isEqualTo(202);

        String metricsBefore = management.get("/actuator/prometheus", null).body();
        String erin = TestJwts.valid("erin");
        Map<String, String> key = Map.of("Idempotency-Key", "metrics-1");
        assertThat(api.postJson(rate(postId), "{\"rating\": 3}", erin, key).statusCode())
                .isEqualTo(202);
        assertThat(api.postJson(rate(postId), "{\"rating\": 3}", erin, key).statusCode())
                .isEqualTo(202);

        String metrics = management.get("/actuator/prometheus", null).body();

        assertThat(metrics).contains("ratings_published_total");
        assertThat(metrics).contains("ratings_publish_failures_total");
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_bucket\\{.*status=\"202\".*uri=\"/api/posts/\\{postId\\}/rate\"");
        assertThat(Metrics.value(metrics, "ratings_idempotent_replays_total", ""))
                .isEqualTo(Metrics.value(metricsBefore, "ratings_idempotent_replays_total", "") + 1);
        for (String series : List.of(
                "ratings_rate_limited_total{action=\"rate\"",
                "ratings_rate_limited_total{action=\"post\"",
                "ratings_rate_limit_fail_open_total{action=\"rate\"",
                "ratings_idempotency_fail_open_total{",
                "ratings_idempotency_conflicts_total{")) {
            assertThat(metrics).contains(series);
        }
    }

    @Test
    void aRetryWithTheSameKeyAndRatingGetsTheOriginalResponseAndPublishesNothing() {
        long postId = api.createPost("idempotent", "author");
        String dave = TestJwts.valid("dave");
        Map<String, String> key = Map.of("Idempotency-Key", "order-1");

        HttpResponse<String> first = api.postJson(rate(postId), "{\"rating\": 4}", dave, key);
        HttpResponse<String> retry = api.postJson(rate(postId), "{ \"rating\" : 4 }", dave, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(onlyRecordsBeforeAMarker(postId))
                .extracting(record -> record.value().ratingId().toString())
                .containsExactly(Api.json(first).get("ratingId").asString());
        Duration kept = Duration.ofMillis(redisTtlMillis(redisPrefix + "idem:{dave}:order-1"));
        assertThat(kept).isGreaterThan(Duration.ofHours(24).minusMinutes(1)).isLessThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void theSameKeyForAnotherRatingOrPostIsUnprocessable() {
        long postId = api.createPost("reused key", "author");
        long otherPostId = api.createPost("other", "author");
        String dave = TestJwts.valid("dave");
        Map<String, String> key = Map.of("Idempotency-Key", "order-2");
        HttpResponse<String> first = api.postJson(rate(postId), "{\"rating\": 4}", dave, key);
        assertThat(first.statusCode()).isEqualTo(202);

        for (HttpResponse<String> reused : List.of(
                api.postJson(rate(postId), "{\"rating\": 5}", dave, key),
                api.postJson(rate(otherPostId), "{\"rating\": 4}", dave, key))) {
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(reused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.json(reused).get("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(Api.json(reused).get("detail").asString())
                    .startsWith("Idempotency-Key: this key was already used for a different request");
        }
        // another user's key of the same name is another key
        assertThat(api.postJson(rate(postId), "{\"rating\": 5}", TestJwts.valid("erin"), key)
                        .statusCode())
                .isEqualTo(202);
        assertThat(onlyRecordsBeforeAMarker(otherPostId)).isEmpty();
    }

    @Test
    void concurrentRequestsWithOneKeyPublishExactlyOneEvent() throws Exception {
        long postId = api.createPost("concurrent", "author");
        String frank = TestJwts.valid("frank");
        Map<String, String> key = Map.of("Idempotency-Key", "order-3");
        int clients = 20;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<HttpResponse<String>> responses;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return api.postJson(rate(postId), "{\"rating\": 2}", frank, key);
                }));
            }
            start.countDown();
            responses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // 409 while the first is in flight, its response once it is done; 503 if Redis was too slow
        // to check the key (such a request is refused, never published unchecked)
        assertThat(responses)
                .extracting(HttpResponse::statusCode)
                .isSubsetOf(202, 409, 503)
                .contains(202);
        List<String> accepted = responses.stream()
                .filter(response -> response.statusCode() == 202)
                .map(HttpResponse::body)
                .distinct()
                .toList();
        assertThat(accepted).hasSize(1);
        assertThat(responses)
                .filteredOn(response -> response.statusCode() != 202)
                .allSatisfy(conflict -> {
                    assertThat(conflict.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                });
        assertThat(onlyRecordsBeforeAMarker(postId))
                .extracting(record -> record.value().ratingId().toString())
                .containsExactly(Api.json(accepted.get(0)).get("ratingId").asString());
        // once the first has finished, every retry gets its response
        HttpResponse<String> later = api.postJson(rate(postId), "{\"rating\": 2}", frank, key);
        assertThat(later.statusCode()).isEqualTo(202);
        assertThat(later.body()).isEqualTo(accepted.get(0));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        HttpResponse<String> docs = api.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(Api.json(docs).get("paths").propertyNames())
                .contains(
                        "/api/posts", "/api/posts/{postId}", "/api/posts/{postId}/rate", "/api/posts/{postId}/windows");
        JsonNode rate =
                Api.json(docs).get("paths").get("/api/posts/{postId}/rate").get("post");
        assertThat(rate.get("requestBody").toString()).contains("RatingRequest");
        assertThat(rate.get("parameters"))
                .extracting(parameter -> parameter.get("name").asString() + " in "
                        + parameter.get("in").asString())
                .containsExactlyInAnyOrder("postId in path", "Idempotency-Key in header");
        assertThat(rate.get("responses").propertyNames())
                .contains("202", "400", "401", "404", "409", "413", "415", "422", "429", "503");
        for (String status : List.of("409", "429", "503")) {
            assertThat(rate.get("responses").get(status).get("headers").propertyNames())
                    .as(status)
                    .contains("Retry-After");
        }
        assertThat(rate.get("responses").get("429").get("content").propertyNames())
                .containsExactly("application/problem+json");
        JsonNode create = Api.json(docs).get("paths").get("/api/posts").get("post");
        assertThat(create.get("responses").propertyNames()).contains("201", "400", "401", "413", "415", "429");

        assertThat(api.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    private void insertWindow(
            String table,
            long generation,
            long postId,
            long windowEnd,
            long ratingCount,
            long ratingSum,
            double rawAverage,
            double target,
            double score,
            double decay) {
        jdbc.sql(
                        "INSERT INTO score_generations (generation, state) VALUES (:generation, :state) ON CONFLICT DO NOTHING")
                .param("generation", generation)
                .param("state", generation == 1 ? "current" : "building")
                .update();
        jdbc.sql("INSERT INTO " + table + """
                         (generation, post_id, window_start, window_end, ratings_in_window, new_raters,
                          burst_weight, baseline, rating_count, rating_sum, raw_average, weighted_count,
                          weighted_sum, target, score, algorithm, window_size_ms, decay_factor, prior_mean,
                          prior_weight, burst_factor, burst_floor, baseline_smoothing)
                        VALUES (:generation, :postId, :start, :end, :count, :count, 1, 2, :count, :sum,
                          :raw, :count, :sum, :target, :score, 'decay-v1', :w, :decay, 2.5, 0, 3, 10, 0.2)
                        """)
                .param("generation", generation)
                .param("postId", postId)
                .param("start", Timestamp.from(Instant.ofEpochMilli(windowEnd - W)))
                .param("end", Timestamp.from(Instant.ofEpochMilli(windowEnd)))
                .param("count", ratingCount)
                .param("sum", ratingSum)
                .param("raw", rawAverage)
                .param("target", target)
                .param("score", score)
                .param("w", W)
                .param("decay", decay)
                .update();
    }

    private static JsonNode itemFor(JsonNode page, long postId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asLong() == postId) {
                return item;
            }
        }
        throw new AssertionError("post " + postId + " not in " + page);
    }

    private static Integer myRatingOrNull(HttpResponse<String> response) {
        JsonNode myRating = Api.json(response).get("myRating");
        return myRating.isNull() ? null : myRating.asInt();
    }

    private static int myRating(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        Integer rating = myRatingOrNull(response);
        assertThat(rating).as("myRating").isNotNull();
        return rating;
    }

    /**
     * The post's records on the topic, once a rating sent after everything else (by another user,
     * on the same partition) is there too: nothing sent before it can still be on its way.
     */
    private List<ConsumerRecord<String, RatingEvent>> onlyRecordsBeforeAMarker(long postId) {
        HttpResponse<String> marker = api.postJson(rate(postId), "{\"rating\": 1}", TestJwts.valid("marker"));
        assertThat(marker.statusCode()).isEqualTo(202);
        String markerId = Api.json(marker).get("ratingId").asString();
        ratings().awaitRating(markerId);
        return ratings().forPost(postId).stream()
                .filter(record -> !record.value().ratingId().toString().equals(markerId))
                .toList();
    }

    private static long redisTtlMillis(String key) {
        return RedisKeys.call(redis -> redis.pttl(key));
    }

    private static String iso(long epochMillis) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT
                .format(Instant.ofEpochMilli(epochMillis))
                .replaceFirst("(:\\d\\d)Z$", "$1.000Z");
    }

    private static String post(long postId) {
        return "/api/posts/" + postId;
    }

    private static String rate(long postId) {
        return "/api/posts/" + postId + "/rate";
    }

    private static String windows(long postId) {
        return "/api/posts/" + postId + "/windows";
    }
}
