package dev.ratings.ingest.posts;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.TestJwts;
import dev.ratings.ingest.rating.RatingCache;
import dev.ratings.ingest.security.AuthSettings;
import dev.ratings.ingest.security.SecurityConfiguration;
import dev.ratings.ingest.web.WebConfiguration;
import java.time.Clock;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The post endpoints over the real security and web setup, with the database replaced by a mock. */
@WebMvcTest(PostController.class)
@Import({
    SecurityConfiguration.class,
    WebConfiguration.class,
    PostViews.class,
    KnownPosts.class,
    PostEndpointTest.Fakes.class
})
@TestPropertySource(properties = "ratings.auth.jwt-secret=" + TestJwts.SECRET)
class PostEndpointTest {

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.123456Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    MapRatingCache cache;

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

    static Stream<Arguments> invalidPosts() {
        return Stream.of(
                Arguments.of("{\"body\": \"b\"}", "title: is required"),
                Arguments.of(
                        "{\"title\": \"\", \"body\": \"b\"}",
                        "title: must be a JSON string of 1 to 200 characters, got 0"),
                Arguments.of("{\"title\": \"   \", \"body\": \"b\"}", "title: must not be blank"),
                Arguments.of(
                        "{\"title\": \"" + "t".repeat(201) + "\", \"body\": \"b\"}",
                        "title: must be a JSON string of 1 to 200 characters, got 201"),
                Arguments.of(
                        "{\"title\": 5, \"body\": \"b\"}",
                        "title: must be a JSON string of 1 to 200 characters, got 5"),
                Arguments.of("{\"title\": null, \"body\": \"b\"}", "title: must be a JSON string"),
                Arguments.of("{\"title\": \"a\\nb\", \"body\": \"b\"}", "title: must not contain control characters"),
                Arguments.of("{\"title\": \"\\ud800\", \"body\": \"b\"}", "title: must be valid Unicode"),
                Arguments.of("{\"title\": \"t\"}", "body: is required"),
                Arguments.of(
                        "{\"title\": \"t\", \"body\": [\"b\"]}",
                        "body: must be a JSON string of 0 to 10000 characters"),
                Arguments.of(
                        "{\"title\": \"t\", \"body\": \"" + "b".repeat(10_001) + "\"}",
                        "body: must be a JSON string of 0 to 10000 characters, got 10001"),
                Arguments.of("{\"title\": \"t\", \"body\": \"a\\u0000b\"}", "body: must not contain NUL characters"),
                Arguments.of(
                        "{\"title\": \"t\", \"body\": \"b\", \"authorId\": \"mallory\"}", "authorId: unknown field"),
                Arguments.of(
                        "{\"title\": \"t\", \"title\": \"u\", \"body\": \"b\"}", "body: is not valid JSON: Duplicate"),
                Arguments.of("{\"title\": \"t\", \"body\": \"b\"} trailing", "body: is not valid JSON"),
                Arguments.of("[]", "body: must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("invalidPosts")
    void invalidPostIsRefusedNamingTheField(String body, String detail) throws Exception {
        mvc.perform(create(body, TestJwts.valid("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith(detail)));

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
    void requestOver64KibIsTooLarge() throws Exception {
        String body = "{\"title\": \"t\", \"body\": \"b\"}" + " ".repeat(64 * 1024);

        mvc.perform(create(body, TestJwts.valid("alice")))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("body: must be at most 65536 bytes"));
        verify(posts, never()).insert(anyString(), anyString(), anyString());
    }

    @Test
    void creatingWithoutATokenIsUnauthorized() throws Exception {
        mvc.perform(post("/api/posts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\": \"t\", \"body\": \"b\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(posts, never()).insert(anyString(), anyString(), anyString());
    }

    @Test
    void creatingWithAnExpiredTokenIsUnauthorized() throws Exception {
        mvc.perform(create("{\"title\": \"t\", \"body\": \"b\"}", TestJwts.expired("alice")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Authorization: the bearer token was rejected")));
    }

    @Test
    void creatingWithTextContentIsUnsupported() throws Exception {
        mvc.perform(create("title=t", TestJwts.valid("alice")).contentType(MediaType.TEXT_PLAIN))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
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
    void readingWithAnInvalidTokenIsUnauthorized() throws Exception {
        mvc.perform(get("/api/posts/7")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestJwts.signedWithOtherSecret("alice")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
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

    static Stream<Arguments> invalidPaging() {
        return Stream.of(
                Arguments.of("size=0", "size: must be an integer from 1 to 100, got '0'"),
                Arguments.of("size=101", "size: must be an integer from 1 to 100, got '101'"),
                Arguments.of("size=abc", "size: must be an integer from 1 to 100, got 'abc'"),
                Arguments.of("size=", "size: must be an integer from 1 to 100, got ''"),
                Arguments.of("size=2.5", "size: must be an integer from 1 to 100"),
                Arguments.of("page=-1", "page: must be an integer of at least 0, got '-1'"),
                Arguments.of("page=x", "page: must be an integer of at least 0, got 'x'"),
                Arguments.of("page=99999999999", "page: must be an integer of at least 0"));
    }

    @ParameterizedTest
    @MethodSource("invalidPaging")
    void invalidPagingIsABadRequest(String query, String detail) throws Exception {
        mvc.perform(get("/api/posts?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(detail)));
        verify(posts, never()).page(anyInt(), anyInt());
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
        return post("/api/posts")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .content(body);
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
    @EnableConfigurationProperties(AuthSettings.class)
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
