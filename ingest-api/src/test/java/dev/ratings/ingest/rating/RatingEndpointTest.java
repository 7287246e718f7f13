package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.posts.KnownPosts;
import dev.ratings.ingest.security.AuthSettings;
import dev.ratings.ingest.security.SecurityConfiguration;
import dev.ratings.ingest.web.NotFoundException;
import dev.ratings.ingest.web.WebConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * The rating endpoint over the real security and web setup, with the publisher and cache replaced
 * by recorders: every malformed request is refused with a problem naming the field, and nothing is
 * published or cached.
 */
@WebMvcTest(RatingController.class)
@Import({SecurityConfiguration.class, WebConfiguration.class, RatingIntake.class, RatingEndpointTest.Fakes.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class RatingEndpointTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingPublisher publisher;

    @Autowired
    RecordingCache cache;

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
    }

    @Test
    void acceptedRatingIsPublishedWithTheTokensSubjectAndCached() throws Exception {
        MvcResult started = mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isAccepted())
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

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("{\"rating\": 4.5}", "rating: must be a JSON integer from 0 to 5, got 4.5"),
                Arguments.of("{\"rating\": 4.0}", "rating: must be a JSON integer from 0 to 5, got 4.0"),
                Arguments.of("{\"rating\": 4e0}", "rating: must be a JSON integer from 0 to 5, got"),
                Arguments.of("{\"rating\": \"5\"}", "rating: must be a JSON integer from 0 to 5, got \"5\""),
                Arguments.of("{\"rating\": null}", "rating: must be a JSON integer from 0 to 5, got null"),
                Arguments.of("{\"rating\": true}", "rating: must be a JSON integer from 0 to 5, got true"),
                Arguments.of("{\"rating\": [4]}", "rating: must be a JSON integer from 0 to 5, got [4]"),
                Arguments.of("{\"rating\": {\"value\": 4}}", "rating: must be a JSON integer from 0 to 5"),
                Arguments.of("{\"rating\": 6}", "rating: must be a JSON integer from 0 to 5, got 6"),
                Arguments.of("{\"rating\": -1}", "rating: must be a JSON integer from 0 to 5, got -1"),
                Arguments.of("{\"rating\": 99999999999999999999}", "rating: must be a JSON integer from 0 to 5"),
                Arguments.of("{}", "rating: is required"),
                Arguments.of("{\"Rating\": 4}", "Rating: unknown field"),
                Arguments.of("{\"rating\": 4, \"userId\": \"mallory\"}", "userId: unknown field"),
                Arguments.of("{\"rating\": 4, \"rating\": 5}", "body: is not valid JSON: Duplicate"),
                Arguments.of("{\"rating\": 4} x", "body: is not valid JSON"),
                Arguments.of("{\"rating\": 4}{\"rating\": 5}", "body: is not valid JSON"),
                Arguments.of("{\"rating\": 4,}", "body: is not valid JSON"),
                Arguments.of("/* five */ {\"rating\": 4}", "body: is not valid JSON"),
                Arguments.of("{\"rating\": 4 // five\n}", "body: is not valid JSON"),
                Arguments.of("# five\n{\"rating\": 4}", "body: is not valid JSON"),
                Arguments.of("{'rating': 4}", "body: is not valid JSON"),
                Arguments.of("{rating: 4}", "body: is not valid JSON"),
                Arguments.of("{\"rating\": 04}", "body: is not valid JSON"),
                Arguments.of("{\"rating\": NaN}", "body: is not valid JSON"),
                Arguments.of("{\"rating\": 4", "body: is not valid JSON"),
                Arguments.of("rating=4", "body: is not valid JSON"),
                Arguments.of("", "body: must be a JSON object, got an empty body"),
                Arguments.of("   ", "body: must be a JSON object"),
                Arguments.of("4", "body: must be a JSON object, got 4"),
                Arguments.of("[{\"rating\": 4}]", "body: must be a JSON object"),
                Arguments.of("null", "body: must be a JSON object"),
                Arguments.of("{\"rating\": " + "[".repeat(40) + "]".repeat(40) + "}", "body: is not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodyIsRefusedNamingTheFieldAndNothingIsPublished(String body, String detail) throws Exception {
        mvc.perform(rate("7", body, TestJwts.valid("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail", Matchers.startsWith(detail)));

        assertThat(publisher.published).isEmpty();
        assertThat(cache.remembered).isEmpty();
    }

    @Test
    void bodyThatIsNotUtf8IsRefused() throws Exception {
        byte[] latin1 = "{\"rating\": 4, \"n\u00e9\": 1}".getBytes(StandardCharsets.ISO_8859_1);
        mvc.perform(rate("7", "", TestJwts.valid("alice")).content(latin1))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("body: is not valid JSON")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void bodyOverFourKibIsTooLarge() throws Exception {
        String body = "{\"rating\": 4" + " ".repeat(4096) + "}";

        mvc.perform(rate("7", body, TestJwts.valid("alice")))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("body: must be at most 4096 bytes"));
        assertThat(publisher.published).isEmpty();
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

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void contentTypeOtherThanJsonIsUnsupported(String contentType) throws Exception {
        mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")).contentType(contentType))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Content-Type: must be application/json")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void missingContentTypeIsUnsupported() throws Exception {
        mvc.perform(post("/api/posts/7/rate")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.valid("alice"))
                        .content("{\"rating\": 4}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Content-Type:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "9223372036854775808", "1e3", "+1", " 1"})
    void postIdThatIsNotAPositiveLongIsABadRequest(String postId) throws Exception {
        mvc.perform(rate(postId, "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("postId: must be a positive 64-bit integer")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void largestPostIdIsValid() throws Exception {
        MvcResult started = mvc.perform(rate("9223372036854775807", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isAccepted());
    }

    @Test
    void unknownPostIsNotFound() throws Exception {
        doThrow(new NotFoundException("postId: there is no post 404"))
                .when(knownPosts)
                .require(anyLong());

        mvc.perform(rate("404", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("postId: there is no post 404"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeTheAnswerIs503WithRetryAfterAndNothingIsCached() throws Exception {
        publisher.failure = new RatingNotAcceptedException(
                Duration.ofSeconds(1), new org.apache.kafka.common.errors.TimeoutException("no broker"));

        MvcResult started = mvc.perform(rate("7", "{\"rating\": 4}", TestJwts.valid("alice")))
                .andExpect(request().asyncStarted())
                .andReturn();

        mvc.perform(asyncDispatch(started))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("rating: Kafka did not acknowledge it")));
        assertThat(cache.remembered).isEmpty();
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("expired", TestJwts.expired("alice")),
                Arguments.of("signed with another secret", TestJwts.signedWithOtherSecret("alice")),
                Arguments.of("alg none", TestJwts.unsigned("alice")),
                Arguments.of("no sub", TestJwts.withoutSubject()),
                Arguments.of("empty sub", TestJwts.withClaims(TestJwts.claims("\"\""))),
                Arguments.of("sub with a space", TestJwts.withClaims(TestJwts.claims("\"alice smith\""))),
                Arguments.of("sub with a colon", TestJwts.withClaims(TestJwts.claims("\"alice:admin\""))),
                Arguments.of("sub of 65 chars", TestJwts.withClaims(TestJwts.claims("\"" + "a".repeat(65) + "\""))),
                Arguments.of("not a JWT", "not-a-jwt"),
                Arguments.of("truncated", TestJwts.valid("alice").substring(0, 40)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void ratingWithABadTokenIsUnauthorized(String why, String token) throws Exception {
        mvc.perform(rate("7", "{\"rating\": 4}", token))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Bearer")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Authorization: ")));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void ratingWithoutATokenIsUnauthorized() throws Exception {
        mvc.perform(post("/api/posts/7/rate")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rating\": 4}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Authorization: this endpoint needs a bearer")));
        assertThat(publisher.published).isEmpty();
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
        return post("/api/posts/{id}/rate", postId)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .content(body);
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
    @EnableConfigurationProperties(AuthSettings.class)
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
