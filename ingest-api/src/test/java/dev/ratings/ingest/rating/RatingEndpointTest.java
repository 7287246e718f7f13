package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.TopicDefinitions;
import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.MalformedRequests.BadRequest;
import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.SliceRequests;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.posts.KnownPosts;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rating endpoint over the real security and web setup, with admission, publisher and cache
 * replaced by recorders: every malformed request is refused with a problem naming the field before
 * it reaches admission, and nothing is published or cached; every outcome becomes its documented
 * response, written at once or, when Kafka has not answered yet, from the acknowledgement on the
 * async context without a second dispatch.
 */
@WebMvcTest(RatingController.class)
@Import({SliceBeans.class, RatingIntake.class, RatingEndpointTest.Fakes.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class RatingEndpointTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingPublisher publisher;

    @Autowired
    RecordingCache cache;

    @Autowired
    ScriptedAdmission admission;

    @MockitoBean
    KnownPosts knownPosts;

    @BeforeEach
    void everyPostExists() {
        when(knownPosts.exists(anyLong())).thenReturn(true);
    }

    @AfterEach
    void nothingHalfDone() {
        // whatever a test did, a rating is cached only if it was published
        assertThat(cache.remembered)
                .allSatisfy(event -> assertThat(publisher.published).contains(event));
        publisher.reset();
        cache.remembered.clear();
        admission.reset();
    }

    @Test
    void acceptedRatingIsPublishedWithTheTokensSubjectAndCached() throws Exception {
        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().doesNotExist(RatingController.REPLAYED_HEADER))
                .andExpect(jsonPath("$.postId").value(7))
                .andExpect(jsonPath("$.rating").value(4))
                .andExpect(jsonPath("$.acceptedAt").value("2026-01-01T00:05:00.000Z"))
                .andExpect(jsonPath("$.ratingId").isString());

        assertThat(publisher.published).singleElement().satisfies(event -> {
            assertThat(event.postId()).isEqualTo(7);
            assertThat(event.userId()).isEqualTo("alice");
            assertThat(event.rating()).isEqualTo(4);
            assertThat(event.acceptedAt()).isEqualTo(NOW.toEpochMilli());
        });
        assertThat(cache.remembered).containsExactlyElementsOf(publisher.published);
        assertThat(admission.calls).containsExactly(new ScriptedAdmission.Call("alice", 7, Optional.empty()));
    }

    @Test
    void the202IsWrittenFromTheAcknowledgementOnTheAsyncContextWithoutASecondDispatch() throws Exception {
        publisher.hold();
        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-async"))
                .andExpect(request().asyncStarted())
                .andReturn();
        MockHttpServletResponse response = started.getResponse();
        assertThat(response.getContentAsString()).isEmpty();
        assertThat(cache.remembered).isEmpty();

        publisher.acknowledge();

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        assertThat(response.getHeader(RatingController.REPLAYED_HEADER)).isNull();
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.get("postId").asLong()).isEqualTo(7);
        assertThat(body.get("rating").asInt()).isEqualTo(4);
        assertThat(body.get("ratingId").asString())
                .isEqualTo(publisher.published.get(0).ratingId().toString());
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        MockAsyncContext async = asyncContext(started);
        assertThat(async.getDispatchedPath()).as("no second dispatch").isNull();
        assertThat(admission.completed).containsExactly(new StoredResponse(202, response.getContentAsString()));
        assertThat(cache.remembered).containsExactlyElementsOf(publisher.published);
    }

    @Test
    void whenKafkaFailsAfterTheRequestThreadLeftTheAnswerIs503WithRetryAfterAndTheKeyIsFreed() throws Exception {
        publisher.hold();
        MvcResult started = mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice"))
                        .header(IdempotencyKey.HEADER, "k-late-503"))
                .andExpect(request().asyncStarted())
                .andReturn();

        publisher.fail(new org.apache.kafka.common.errors.TimeoutException("no broker"));

        MockHttpServletResponse response = started.getResponse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/posts/7/rate");
        assertThat(problem.get("detail").asString())
                .startsWith("rating: Kafka did not acknowledge it in time (TimeoutException)");
        assertThat(cache.remembered).isEmpty();
        assertThat(admission.released).hasValue(1);
        assertThat(admission.cancelled).hasValue(0);
        assertThat(admission.completed).isEmpty();
    }

    @Test
    void whenNoAnswerComesBeforeTheAsyncTimeoutTheClientGets503() throws Exception {
        publisher.hold();
        MvcResult started = mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andReturn();
        MockAsyncContext async = asyncContext(started);

        for (AsyncListener listener : new ArrayList<>(async.getListeners())) {
            listener.onTimeout(new AsyncEvent(async));
        }
        publisher.acknowledge(); // too late for this response; the rating is still remembered

        MockHttpServletResponse response = started.getResponse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(response.getContentAsString()).get("detail").asString())
                .startsWith("rating: no answer from Kafka within 8000 ms");
        assertThat(cache.remembered).hasSize(1);
    }

    @Test
    void aClientThatWentAwayBeforeTheAcknowledgementGetsNothingWrittenButTheRatingIsKept() throws Exception {
        publisher.hold();
        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-gone"))
                .andReturn();
        MockAsyncContext async = asyncContext(started);

        for (AsyncListener listener : new ArrayList<>(async.getListeners())) {
            listener.onError(new AsyncEvent(async, new IOException("Connection reset by peer")));
        }
        publisher.acknowledge();

        assertThat(started.getResponse().getContentAsString()).isEmpty();
        // a retry with the same key gets the 202 it missed
        assertThat(admission.completed)
                .singleElement()
                .satisfies(stored -> assertThat(stored.status()).isEqualTo(202));
        assertThat(cache.remembered).containsExactlyElementsOf(publisher.published);
    }

    @Test
    void userIdComesOnlyFromTheToken() throws Exception {
        mvc.perform(rate("7", "{\"rating\": 2}", TestJwts.valid("alice")).header("X-User-Id", "mallory"))
                .andExpect(status().isAccepted());

        assertThat(publisher.published)
                .singleElement()
                .extracting(RatingEvent::userId)
                .isEqualTo("alice");
    }

    static Stream<BadRequest> malformedRatings() {
        return MalformedRequests.concat(
                MalformedRequests.ratingBodies(),
                MalformedRequests.ratingTokens(),
                MalformedRequests.ratingContentTypes(),
                MalformedRequests.idempotencyKeys(),
                MalformedRequests.withMethod("POST", MalformedRequests.postIds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRatings")
    void malformedRatingIsRefusedBeforeAdmissionAndNothingIsPublished(BadRequest bad) throws Exception {
        SliceRequests.performRefused(mvc, bad, 7);

        assertThat(admission.calls).isEmpty();
        assertThat(publisher.published).isEmpty();
        assertThat(cache.remembered).isEmpty();
    }

    @Test
    void bodyOfExactlyFourKibIsAccepted() throws Exception {
        String start = "{\"rating\": 4";
        String body = start + " ".repeat(4096 - start.length() - 1) + "}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(4096);

        mvc.perform(rate("7", body, TestJwts.valid("alice"))).andExpect(status().isAccepted());
    }

    @Test
    void largestPostIdIsValid() throws Exception {
        mvc.perform(rate("9223372036854775807", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isAccepted());
    }

    @Test
    void unknownPostIsNotFoundAfterAdmissionAndGivesBackWhatAdmissionTook() throws Exception {
        when(knownPosts.exists(404)).thenReturn(false);

        mvc.perform(rate("404", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("postId: there is no post 404"));
        assertThat(admission.calls).hasSize(1);
        assertThat(admission.cancelled).hasValue(1);
        assertThat(admission.completed).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheAnswerIs503WithRetryAfterNothingIsCachedAndTheKeyIsFreed() throws Exception {
        publisher.failure = new org.apache.kafka.common.errors.TimeoutException("no broker");

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-503"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("rating: Kafka did not acknowledge it")));
        assertThat(cache.remembered).isEmpty();
        assertThat(admission.released).hasValue(1);
        assertThat(admission.completed).isEmpty();
    }

    @Test
    void aRequestWithAKeyHasTheSameRatingIdAtEveryTryOneWithoutAKeyANewOne() throws Exception {
        String alice = TestJwts.valid("alice");
        for (int i = 0; i < 2; i++) {
            mvc.perform(rate("7", "{\"rating\": 4}", alice).header(IdempotencyKey.HEADER, "k-id"))
                    .andExpect(status().isAccepted());
            mvc.perform(rate("7", "{\"rating\": 4}", alice)).andExpect(status().isAccepted());
        }
        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("bob")).header(IdempotencyKey.HEADER, "k-id"))
                .andExpect(status().isAccepted());
        mvc.perform(rate("7", "{\"rating\": 5}", alice).header(IdempotencyKey.HEADER, "k-id"))
                .andExpect(status().isAccepted());

        List<UUID> ids = publisher.published.stream().map(RatingEvent::ratingId).toList();
        assertThat(ids.get(2)).as("alice's retry with k-id").isEqualTo(ids.get(0));
        assertThat(ids.get(3)).as("without a key").isNotEqualTo(ids.get(1));
        assertThat(ids.get(0))
                .isEqualTo(new IdempotentRequest(new IdempotencyKey("k-id"), "rate post=7 rating=4").ratingId("alice"));
        assertThat(ids.get(4)).as("bob's k-id").isNotEqualTo(ids.get(0));
        assertThat(ids.get(5)).as("k-id for another rating").isNotEqualTo(ids.get(0));
    }

    @Test
    void aRetryAfterA503PublishesTheFirstTrysEventAgain() throws Exception {
        publisher.failure = new org.apache.kafka.common.errors.TimeoutException("no broker");
        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-again"))
                .andExpect(status().isServiceUnavailable());
        RatingEvent first = publisher.attempted.get(0);
        publisher.failure = null;
        long firstTry = NOW.toEpochMilli() - 90_000; // the retry comes 90 s later
        admission.resendFrom(firstTry); // the time admission kept with the key

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-again"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.ratingId").value(first.ratingId().toString()))
                .andExpect(jsonPath("$.acceptedAt").value("2026-01-01T00:03:30.000Z"));

        assertThat(publisher.published).containsExactly(new RatingEvent(first.ratingId(), 7, "alice", 4, firstTry));
        assertThat(admission.released)
                .as("the first try gave the key up, keeping its event")
                .hasValue(1);
    }

    @Test
    void acceptedRatingWithAKeyKeepsExactlyTheResponseItSent() throws Exception {
        String sent = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-1"))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(admission.calls)
                .singleElement()
                .satisfies(call -> assertThat(call.request())
                        .contains(new IdempotentRequest(new IdempotencyKey("k-1"), "rate post=7 rating=4")));
        assertThat(admission.completed).containsExactly(new StoredResponse(202, sent));
        assertThat(admission.released).hasValue(0);
    }

    @Test
    void theSameRatingWrittenDifferentlyIsTheSameRequest() throws Exception {
        for (String body : List.of("{\"rating\":4}", "{ \"rating\" : 4 }\n")) {
            mvc.perform(rate("7", body, TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-2"))
                    .andExpect(status().isAccepted());
        }

        assertThat(admission.calls)
                .extracting(call -> call.request().orElseThrow().fingerprint())
                .containsExactly("rate post=7 rating=4", "rate post=7 rating=4");
    }

    @Test
    void replayAnswersTheStoredResponseAndPublishesNothing() throws Exception {
        String original = "{\"ratingId\":\"00000000-0000-0000-0000-000000000001\",\"postId\":7,\"rating\":4,"
                + "\"acceptedAt\":\"2026-01-01T00:00:00.000Z\"}";
        admission.answer(new RatingOutcome.Replayed(202, original));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-3"))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().string(RatingController.REPLAYED_HEADER, "true"))
                .andExpect(content().string(original));

        assertThat(publisher.published).isEmpty();
        assertThat(cache.remembered).isEmpty();
    }

    @Test
    void overTheRateLimitIs429WithRetryAfterRoundedUpAndNothingIsPublished() throws Exception {
        admission.answer(new RatingOutcome.RateLimited("alice", 20, 5, Duration.ofMillis(1200)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail")
                        .value("rate limit: user alice may rate posts at most 20 times at once and 5 times per"
                                + " second; retry in 2 s"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void ratingOnePostMoreOftenThanAWindowAllowsIs429UntilTheNextWindow() throws Exception {
        admission.answer(
                new RatingOutcome.PostLimited("alice", 7, 3, Duration.ofMinutes(5), Duration.ofMillis(61_500)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "62"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("rate limit: user alice may rate post 7 at most 3 times per window of 5 minutes"
                                + " (ratings.window.size); the next window starts in 62 s"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyStillInFlightIs409WithRetryAfter() throws Exception {
        admission.answer(new RatingOutcome.KeyInFlight(Duration.ofSeconds(1)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-4"))
                .andExpect(status().isConflict())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail")
                        .value("Idempotency-Key: a request with this key is still being processed; retry in 1 s to"
                                + " get its response"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyThatCouldNotBeCheckedIs503WithRetryAfter() throws Exception {
        admission.answer(new RatingOutcome.KeyUnchecked("timeout", Duration.ofSeconds(1)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-6"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Idempotency-Key: could not be checked in time")));
        admission.answer(new RatingOutcome.KeyUnchecked("full", Duration.ofSeconds(5)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-7"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(jsonPath(
                        "$.detail", Matchers.startsWith("Idempotency-Key: could not be reserved (Redis is full)")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyUsedForAnotherRequestIs422() throws Exception {
        admission.answer(new RatingOutcome.KeyReused());

        mvc.perform(rate("7", "{\"rating\": 5}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-5"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Idempotency-Key: this key was already used")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyOf255PrintableCharactersIsAccepted() throws Exception {
        String key = " !~" + "k".repeat(252);
        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, key))
                .andExpect(status().isAccepted());

        assertThat(admission.calls.get(0).request().orElseThrow().key().value()).isEqualTo(key);
    }

    @Test
    void subjectAtTheLimitsOfTheAllowedAlphabetIsAccepted() throws Exception {
        String subject = "A-z_0.9@x" + "a".repeat(55);
        mvc.perform(rate("7", "{\"rating\": 1}", TestJwts.valid(subject))).andExpect(status().isAccepted());
        assertThat(publisher.published)
                .singleElement()
                .extracting(RatingEvent::userId)
                .isEqualTo(subject);
    }

    private static MockAsyncContext asyncContext(MvcResult result) {
        return (MockAsyncContext) result.getRequest().getAsyncContext();
    }

    private static MockHttpServletRequestBuilder rate(String postId, String body, String token) {
        return SliceRequests.postJson("/api/posts/" + postId + "/rate", body, token);
    }

    /** Acknowledges at once, or (after {@link #hold}) when the test says so. */
    static final class RecordingPublisher implements RatingIntake.Publisher {
        final List<RatingEvent> published = new CopyOnWriteArrayList<>();
        final List<RatingEvent> attempted = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile boolean holding;

        void hold() {
            holding = true;
        }

        void acknowledge() {
            held.forEach(future -> future.complete(null));
        }

        void fail(RuntimeException error) {
            published.clear();
            held.forEach(future -> future.completeExceptionally(error));
        }

        void reset() {
            published.clear();
            attempted.clear();
            held.clear();
            failure = null;
            holding = false;
        }

        @Override
        public CompletableFuture<Void> publish(RatingEvent event) {
            attempted.add(event);
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            published.add(event);
            if (holding) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                held.add(future);
                return future;
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    static final class RecordingCache implements RatingIntake.Cache {
        final List<RatingEvent> remembered = new CopyOnWriteArrayList<>();

        @Override
        public void remember(RatingEvent event) {
            remembered.add(event);
        }
    }

    @TestConfiguration
    static class Fakes {

        @Bean
        RecordingPublisher publisher() {
            return new RecordingPublisher();
        }

        @Bean
        RecordingCache cache() {
            return new RecordingCache();
        }

        @Bean
        ScriptedAdmission admission() {
            return new ScriptedAdmission();
        }

        @Bean
        KafkaSettings kafkaSettings() {
            return new KafkaSettings(1, TopicDefinitions.BROKER_DEFAULT, Duration.ofSeconds(3));
        }

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
