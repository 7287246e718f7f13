package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.MalformedRequests.BadRequest;
import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.SliceRequests;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.admission.Action;
import dev.ratings.ingest.admission.IdempotencyKey;
import dev.ratings.ingest.admission.IdempotentRequest;
import dev.ratings.ingest.admission.ScriptedAdmission;
import dev.ratings.ingest.admission.StoredResponse;
import dev.ratings.ingest.posts.KnownPosts;
import dev.ratings.ingest.web.ConflictException;
import dev.ratings.ingest.web.NotFoundException;
import dev.ratings.ingest.web.ServiceUnavailableException;
import dev.ratings.ingest.web.TooManyRequestsException;
import dev.ratings.ingest.web.UnprocessableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rating endpoint over the real security and web setup, with admission, publisher and cache
 * replaced by recorders: every malformed request is refused with a problem naming the field before
 * it reaches the rate limiter, and nothing is published or cached; admission's answers become the
 * documented statuses.
 */
@WebMvcTest(RatingController.class)
@Import({SliceBeans.class, RatingIntake.class, RatingEndpointTest.Fakes.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class RatingEndpointTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");

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

    @AfterEach
    void nothingHalfDone() {
        // whatever a test did, a rating is cached only if it was published
        assertThat(cache.remembered)
                .allSatisfy(event -> assertThat(publisher.published).contains(event));
        publisher.published.clear();
        cache.remembered.clear();
        publisher.failure = null;
        admission.reset();
    }

    @Test
    void acceptedRatingIsPublishedWithTheTokensSubjectAndCached() throws Exception {
        MvcResult started = mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();

        mvc.perform(asyncDispatch(started))
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
        assertThat(admission.calls).containsExactly(new ScriptedAdmission.Call("alice", Action.RATE, Optional.empty()));
    }

    @Test
    void userIdComesOnlyFromTheToken() throws Exception {
        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 2}", TestJwts.valid("alice")).header("X-User-Id", "mallory"))
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());

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
    void malformedRatingIsRefusedBeforeTheRateLimitAndNothingIsPublished(BadRequest bad) throws Exception {
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

        MvcResult started = mvc.perform(rate("7", body, TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());
    }

    @Test
    void largestPostIdIsValid() throws Exception {
        MvcResult started = mvc.perform(rate("9223372036854775807", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());
    }

    @Test
    void unknownPostIsNotFoundAfterTheRateLimitAndFreesTheKey() throws Exception {
        doThrow(new NotFoundException("postId: there is no post 404"))
                .when(knownPosts)
                .require(anyLong());

        mvc.perform(rate("404", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("postId: there is no post 404"));
        assertThat(admission.calls).hasSize(1);
        assertThat(admission.released).hasValue(1);
        assertThat(admission.completed).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheAnswerIs503WithRetryAfterNothingIsCachedAndTheKeyIsFreed() throws Exception {
        publisher.failure = new RatingNotAcceptedException(
                Duration.ofSeconds(1), new org.apache.kafka.common.errors.TimeoutException("no broker"));

        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-503"))
                .andExpect(request().asyncStarted())
                .andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("rating: Kafka did not acknowledge it")));
        assertThat(cache.remembered).isEmpty();
        assertThat(admission.released).hasValue(1);
        assertThat(admission.completed).isEmpty();
    }

    @Test
    void acceptedRatingWithAKeyKeepsExactlyTheResponseItSent() throws Exception {
        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-1"))
                .andReturn();
        String sent = mvc.perform(asyncDispatch(started))
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
            MvcResult started = mvc.perform(
                            rate("7", body, TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-2"))
                    .andReturn();
            mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());
        }

        assertThat(admission.calls)
                .extracting(call -> call.request().orElseThrow().fingerprint())
                .containsExactly("rate post=7 rating=4", "rate post=7 rating=4");
    }

    @Test
    void replayAnswersTheStoredResponseAndPublishesNothing() throws Exception {
        String original = "{\"ratingId\":\"00000000-0000-0000-0000-000000000001\",\"postId\":7,\"rating\":4,"
                + "\"acceptedAt\":\"2026-01-01T00:00:00.000Z\"}";
        admission.replay(new StoredResponse(202, original));

        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-3"))
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isAccepted())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().string(RatingController.REPLAYED_HEADER, "true"))
                .andExpect(content().string(original));

        assertThat(publisher.published).isEmpty();
        assertThat(cache.remembered).isEmpty();
    }

    @Test
    void overTheRateLimitIs429WithRetryAfterRoundedUpAndNothingIsPublished() throws Exception {
        admission.refuseWith(new TooManyRequestsException("rate limit: slow down", Duration.ofMillis(1200)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.detail").value("rate limit: slow down"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyStillInFlightIs409WithRetryAfter() throws Exception {
        admission.refuseWith(new ConflictException(IdempotencyKey.HEADER, "in flight", Duration.ofSeconds(1)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-4"))
                .andExpect(status().isConflict())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail").value("Idempotency-Key: in flight"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyThatCouldNotBeCheckedIs503WithRetryAfter() throws Exception {
        admission.refuseWith(new ServiceUnavailableException("Idempotency-Key: not checked", Duration.ofSeconds(1)));

        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-6"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Idempotency-Key: not checked"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyUsedForAnotherRequestIs422() throws Exception {
        admission.refuseWith(new UnprocessableException(IdempotencyKey.HEADER, "used for another request"));

        mvc.perform(rate("7", "{\"rating\": 5}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, "k-5"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.detail").value("Idempotency-Key: used for another request"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void keyOf255PrintableCharactersIsAccepted() throws Exception {
        String key = " !~" + "k".repeat(252);
        MvcResult started = mvc.perform(
                        rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).header(IdempotencyKey.HEADER, key))
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());

        assertThat(admission.calls.get(0).request().orElseThrow().key().value()).isEqualTo(key);
    }

    @Test
    void subjectAtTheLimitsOfTheAllowedAlphabetIsAccepted() throws Exception {
        String subject = "A-z_0.9@x" + "a".repeat(55);
        MvcResult started = mvc.perform(rate("7", "{\"rating\": 1}", TestJwts.valid(subject)))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());
        assertThat(publisher.published)
                .singleElement()
                .extracting(RatingEvent::userId)
                .isEqualTo(subject);
    }

    private static MockHttpServletRequestBuilder rate(String postId, String body, String token) {
        return SliceRequests.postJson("/api/posts/" + postId + "/rate", body, token);
    }

    static final class RecordingPublisher implements RatingPublisher {
        final List<RatingEvent> published = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;

        @Override
        public CompletableFuture<Void> publish(RatingEvent event) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            published.add(event);
            return CompletableFuture.completedFuture(null);
        }
    }

    static final class RecordingCache implements RatingCache {
        final List<RatingEvent> remembered = new CopyOnWriteArrayList<>();

        @Override
        public void remember(RatingEvent event) {
            remembered.add(event);
        }

        @Override
        public OptionalInt ratingOf(String userId, long postId) {
            return OptionalInt.empty();
        }

        @Override
        public Map<Long, Integer> ratingsOf(String userId, Collection<Long> postIds) {
            return Map.of();
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
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
