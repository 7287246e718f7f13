package dev.ratings.ingest.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.MalformedRequests.BadRequest;
import dev.ratings.ingest.SliceBeans;
import dev.ratings.ingest.SliceRequests;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.admission.Action;
import dev.ratings.ingest.admission.ScriptedAdmission;
import dev.ratings.ingest.rating.RatingCache;
import dev.ratings.ingest.web.TooManyRequestsException;
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
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The post endpoints over the real security and web setup, with the database replaced by a mock. */
@WebMvcTest(PostController.class)
@Import({SliceBeans.class, PostViews.class, KnownPosts.class, PostEndpointTest.Fakes.class})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class PostEndpointTest {

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123456Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    MapRatingCache cache;

    @Autowired
    ScriptedAdmission admission;

    @AfterEach
    void resetAdmission() {
        admission.reset();
    }

    @MockitoBean
    PostRepository posts;

    @Test
    void createdPostIsReturnedWithLocationAndNoScoresYet() throws Exception {
        when(posts.insert("Hello", "", "alice")).thenReturn(new Post(42, "Hello", "", CREATED, null));

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
        when(posts.insert(title, "b", "alice")).thenReturn(new Post(1, title, "b", CREATED, null));

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

        assertThat(admission.calls).isEmpty();
        verify(posts, never()).insert(anyString(), anyString(), anyString());
    }

    @Test
    void bodyOfTenThousandCharactersIsAllowed() throws Exception {
        String body = "b".repeat(10_000);
        when(posts.insert("t", body, "alice")).thenReturn(new Post(1, "t", body, CREATED, null));

        mvc.perform(create("{\"title\": \"t\", \"body\": \"" + body + "\"}", TestJwts.valid("alice")))
                .andExpect(status().isCreated());
    }

    @Test
    void creatingPostsIsRateLimitedInABucketOfItsOwn() throws Exception {
        admission.refuseWith(new TooManyRequestsException("rate limit: slow down", Duration.ofMillis(300)));

        mvc.perform(create("{\"title\": \"t\", \"body\": \"b\"}", TestJwts.valid("alice")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(admission.calls)
                .containsExactly(new ScriptedAdmission.Call("alice", Action.CREATE_POST, Optional.empty()));
        verify(posts, never()).insert(anyString(), anyString(), anyString());
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

    static final class MapRatingCache implements RatingCache {
        private final Map<String, Integer> ratings = new HashMap<>();

        void put(String userId, long postId, int rating) {
            ratings.put(userId + "/" + postId, rating);
        }

        @Override
        public void remember(RatingEvent event) {
            put(event.userId(), event.postId(), event.rating());
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
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC);
        }
    }
}
