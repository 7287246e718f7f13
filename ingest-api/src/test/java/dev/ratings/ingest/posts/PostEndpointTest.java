package dev.ratings.ingest.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.MalformedRequests.BadRequest;
import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.SliceRequests;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.limits.RateLimiter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
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
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The post endpoints over the real security and web setup, with the database replaced by a mock. */
@WebMvcTest(PostController.class)
@Import({SliceBeans.class, PostViews.class, KnownPosts.class, PostCount.class, PostEndpointTest.Fakes.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class PostEndpointTest {

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123456Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    MapRatingCache cache;

    @Autowired
    ScriptedLimiter limiter;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void noCountYet() {
        clock.advance(PostCount.MAX_AGE); // the count of an earlier test is out of date
    }

    @AfterEach
    void resetLimiter() {
        limiter.reset();
    }

    @MockitoBean
    PostRepository posts;

    @MockitoBean
    PostCreation creation;

    @Test
    void createdPostIsReturnedWithLocationAndNoScoresYet() throws Exception {
        when(creation.create("Hello", "", "alice")).thenReturn(new Post(42, "Hello", "", CREATED, null));

        mvc.perform(create("{\"title\": \"Hello\", \"body\": \"\"}", TestJwts.valid("alice")))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/posts/42/"))
                .andExpect(jsonPath("$.id").value(42))
                .andExpect(jsonPath("$.title").value("Hello"))
                .andExpect(jsonPath("$.body").value(""))
                .andExpect(jsonPath("$.createdAt").value("2026-01-01T00:00:00.123Z"))
                .andExpect(jsonPath("$.ratingCount").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.averageRating").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.rawAverage").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.myRating").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.scoreUpdatedAt").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.*", Matchers.hasSize(9)));
    }

    @Test
    void titleLengthCountsCharactersNotUtf16Units() throws Exception {
        String title = "\uD83D\uDE00".repeat(200); // 200 emoji, 400 UTF-16 units
        when(creation.create(title, "b", "alice")).thenReturn(new Post(1, title, "b", CREATED, null));

        mvc.perform(create("{\"title\": \"" + title + "\", \"body\": \"b\"}", TestJwts.valid("alice")))
                .andExpect(status().isCreated());
    }

    static Stream<BadRequest> malformedPosts() {
        return MalformedRequests.concat(
                MalformedRequests.postBodies(),
                MalformedRequests.postContentTypes(),
                MalformedRequests.withMethod("POST", MalformedRequests.otherTokens()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPosts")
    void malformedPostIsRefusedNamingTheFieldBeforeTheRateLimit(BadRequest bad) throws Exception {
        SliceRequests.performRefused(mvc, bad, 7);

        assertThat(limiter.subjects).isEmpty();
        verify(creation, never()).create(anyString(), anyString(), anyString());
    }

    @Test
    void bodyOfTenThousandCharactersIsAllowed() throws Exception {
        String body = "b".repeat(10_000);
        when(creation.create("t", body, "alice")).thenReturn(new Post(1, "t", body, CREATED, null));

        mvc.perform(create("{\"title\": \"t\", \"body\": \"" + body + "\"}", TestJwts.valid("alice")))
                .andExpect(status().isCreated());
    }

    @Test
    void creatingPostsIsRateLimitedInABucketOfItsOwn() throws Exception {
        limiter.limited = new RateLimiter.Limited(Duration.ofMillis(300));

        mvc.perform(create("{\"title\": \"t\", \"body\": \"b\"}", TestJwts.valid("alice")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value("rate limit: user alice may create posts at most 2 times at once; retry in 1 s"));

        assertThat(limiter.subjects).containsExactly("alice");
        verify(creation, never()).create(anyString(), anyString(), anyString());
    }

    @Test
    void readingNeedsNoToken() throws Exception {
        when(posts.find(7)).thenReturn(Optional.of(new Post(7, "t", "b", CREATED, null)));

        mvc.perform(get("/api/posts/7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.myRating").value(Matchers.nullValue()));
    }

    @Test
    void readingWithATokenShowsTheCallersOwnRating() throws Exception {
        when(posts.find(7)).thenReturn(Optional.of(new Post(7, "t", "b", CREATED, null)));
        cache.put("alice", 7, 3);
        cache.put("bob", 7, 5);

        mvc.perform(get("/api/posts/7").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.valid("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.myRating").value(3));
    }

    @Test
    void databaseOutageIsARetryable503NotA500() throws Exception {
        when(posts.page(0, 20)).thenThrow(new CannotGetJdbcConnectionException("connection refused"));

        mvc.perform(get("/api/posts/"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("database: PostgreSQL is unavailable; retry in 5 s"));
    }

    @Test
    void databaseWithoutTablesIsARetryable503Too() throws Exception {
        SQLException undefinedTable = new SQLException("relation \"posts\" does not exist", "42P01");
        when(posts.page(0, 20)).thenThrow(new BadSqlGrammarException("page", "SELECT", undefinedTable));

        mvc.perform(get("/api/posts/"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void postKafkaDidNotAcknowledgeIsARetryable503() throws Exception {
        when(creation.create("t", "b", "alice"))
                .thenThrow(new PostCreation.NotPublished(new TimeoutException("no ack")));

        mvc.perform(create("{\"title\": \"t\", \"body\": \"b\"}", TestJwts.valid("alice")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("post: Kafka did not acknowledge it in time")));
    }

    @Test
    void unknownPostIsNotFound() throws Exception {
        when(posts.find(8)).thenReturn(Optional.empty());

        mvc.perform(get("/api/posts/8"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("postId: there is no post 8"));
    }

    @Test
    void listShowsTheCallersRatingsPerPost() throws Exception {
        when(posts.page(0, 20))
                .thenReturn(List.of(new Post(2, "two", "", CREATED, null), new Post(1, "one", "", CREATED, null)));
        when(posts.count()).thenReturn(2L);
        cache.put("alice", 1, 4);

        mvc.perform(get("/api/posts").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.valid("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].id").value(2))
                .andExpect(jsonPath("$.items[0].myRating").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.items[1].id").value(1))
                .andExpect(jsonPath("$.items[1].myRating").value(4));
    }

    static Stream<BadRequest> malformedReads() {
        return MalformedRequests.concat(
                MalformedRequests.paging(), MalformedRequests.withMethod("GET", MalformedRequests.otherTokens()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReads")
    void malformedReadIsRefusedNamingTheParameter(BadRequest bad) throws Exception {
        SliceRequests.performRefused(mvc, bad, 7);

        verify(posts, never()).page(anyInt(), anyInt());
        verify(posts, never()).find(anyLong());
    }

    @Test
    void pagingAtItsLimitsIsAllowed() throws Exception {
        when(posts.page(3, 100)).thenReturn(List.of());

        mvc.perform(get("/api/posts?page=3&size=100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(3))
                .andExpect(jsonPath("$.size").value(100));
        mvc.perform(get("/api/posts?size=1")).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder create(String body, String token) {
        return SliceRequests.postJson("/api/posts", body, token);
    }

    @Test
    void theListTotalIsCountedOncePerFiveSecondsNotPerCall() throws Exception {
        when(posts.page(0, 20)).thenReturn(List.of());
        when(posts.count()).thenReturn(7L, 8L);

        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/posts")).andExpect(jsonPath("$.total").value(7));
        }
        clock.advance(PostCount.MAX_AGE.minusMillis(1));
        mvc.perform(get("/api/posts")).andExpect(jsonPath("$.total").value(7));
        verify(posts, times(1)).count();

        clock.advance(Duration.ofMillis(1));
        mvc.perform(get("/api/posts")).andExpect(jsonPath("$.total").value(8));
        verify(posts, times(2)).count();
    }

    @Test
    void pagesEndAtTheNewestTenThousandPostsWithoutTouchingTheDatabase() throws Exception {
        when(posts.page(499, 20)).thenReturn(List.of());
        when(posts.page(99, 100)).thenReturn(List.of());

        mvc.perform(get("/api/posts?page=499&size=20")).andExpect(status().isOk());
        mvc.perform(get("/api/posts?page=99&size=100")).andExpect(status().isOk());
        for (String deep : List.of("page=500&size=20", "page=100&size=100", "page=21474836", "page=10000&size=1")) {
            mvc.perform(get("/api/posts?" + deep))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("page"))
                    .andExpect(
                            jsonPath("$.detail", Matchers.startsWith("page: (page + 1) × size must be at most 10000")));
        }
        verify(posts, never()).page(500, 20);
        verify(posts, never()).page(100, 100);
        verify(posts, never()).page(21474836, 20);
    }

    /** Allows everything unless told otherwise; records whom it was asked about. */
    static final class ScriptedLimiter implements RateLimiter {
        final List<String> subjects = new CopyOnWriteArrayList<>();
        volatile Limited limited;

        void reset() {
            subjects.clear();
            limited = null;
        }

        @Override
        public Decision take(String subject) {
            subjects.add(subject);
            return limited != null ? limited : ALLOWED;
        }

        @Override
        public String described() {
            return "at most 2 times at once";
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T01:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static final class MapRatingCache implements OwnRatings {
        private final Map<String, Integer> ratings = new HashMap<>();

        void put(String userId, long postId, int rating) {
            ratings.put(userId + "/" + postId, rating);
        }

        @Override
        public OptionalInt ratingOf(String userId, long postId) {
            Integer rating = ratings.get(userId + "/" + postId);
            return rating == null ? OptionalInt.empty() : OptionalInt.of(rating);
        }

        @Override
        public Map<Long, Integer> ratingsOf(String userId, Collection<Long> postIds) {
            Map<Long, Integer> found = new HashMap<>();
            postIds.forEach(id -> ratingOf(userId, id).ifPresent(rating -> found.put(id, rating)));
            return found;
        }
    }

    @TestConfiguration
    static class Fakes {

        @Bean
        MapRatingCache cache() {
            return new MapRatingCache();
        }

        @Bean
        ScriptedLimiter limiter() {
            return new ScriptedLimiter();
        }

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
