package dev.ratings.ingest.posts;

import dev.ratings.ingest.limits.RateLimiter;
import dev.ratings.ingest.security.CurrentUser;
import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.NotFoundException;
import dev.ratings.ingest.web.ProblemException;
import dev.ratings.ingest.web.RequestValues;
import dev.ratings.ingest.web.RetryAfter;
import dev.ratings.ingest.web.StrictJson;
import dev.ratings.ingest.web.TooManyRequestsException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Posts. Paths are canonical without a trailing slash; a filter strips one that a client sends. A
 * list never pages deeper than the newest {@value #MAX_DEPTH} posts (no OFFSET walk through the
 * whole table) and its {@code total} comes from {@link PostCount}, not a {@code count(*)} per call.
 */
@RestController
class PostController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_DEPTH = 10_000;
    private static final Duration KAFKA_RETRY_AFTER = Duration.ofSeconds(1);

    private final PostRepository posts;
    private final PostCreation creation;
    private final PostViews views;
    private final PostCount count;
    private final RateLimiter limiter;

    PostController(PostRepository posts, PostCreation creation, PostViews views, PostCount count, RateLimiter limiter) {
        this.posts = posts;
        this.creation = creation;
        this.views = views;
        this.count = count;
        this.limiter = limiter;
    }

    @PostMapping(path = "/api/posts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a post", security = @SecurityRequirement(name = "bearer"))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = NewPost.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the new post")
    @ApiResponse(responseCode = "400", description = "Bad title or body; detail names it")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "413", description = "Body over 64 KiB")
    @ApiResponse(responseCode = "415", description = "Content-Type is not application/json")
    @ApiResponse(
            responseCode = "429",
            description = "Over your rate limit for creating posts; retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
    ResponseEntity<PostView> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @Parameter(hidden = true) HttpServletRequest request) {
        NewPost post = NewPost.from(StrictJson.readObject(request, MAX_BODY_BYTES));
        String author = CurrentUser.require(token);
        if (limiter.take(author) instanceof RateLimiter.Limited limited) {
            throw new TooManyRequestsException(
                    "rate limit: user " + author + " may create posts " + limiter.described() + "; retry in "
                            + RetryAfter.seconds(limited.retryAfter()) + " s",
                    limited.retryAfter());
        }
        Post created;
        try {
            created = creation.create(post.title(), post.body(), author);
        } catch (PostCreation.NotPublished e) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "post: Kafka did not acknowledge it in time (" + e.getMessage()
                            + "), so it was not created; retry after the Retry-After delay",
                    null,
                    KAFKA_RETRY_AFTER);
        }
        return ResponseEntity.created(URI.create("/api/posts/" + created.id() + "/"))
                .body(views.one(created, Optional.empty()));
    }

    @GetMapping("/api/posts")
    @Operation(
            summary = "Posts, newest first; with a token each shows your own rating",
            description = "(page + 1) × size is at most 10000 (the newest 10000 posts); total is at most 5 s old")
    @ApiResponse(responseCode = "200", description = "A page of posts")
    @ApiResponse(responseCode = "400", description = "page or size out of range; detail names it")
    @ApiResponse(
            responseCode = "429",
            description = "Over the read limit of your address; retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
    PostPage list(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size) {
        int pageNumber = RequestValues.intParam("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = RequestValues.intParam("size", size, 20, 1, MAX_PAGE_SIZE);
        if ((pageNumber + 1L) * pageSize > MAX_DEPTH) {
            throw new InvalidRequestException(
                    "page",
                    "(page + 1) × size must be at most " + MAX_DEPTH + ": lists reach the newest " + MAX_DEPTH
                            + " posts; got page " + pageNumber + " of size " + pageSize);
        }
        return new PostPage(
                views.all(posts.page(pageNumber, pageSize), CurrentUser.id(token)),
                pageNumber,
                pageSize,
                count.total());
    }

    @GetMapping("/api/posts/{postId}")
    @Operation(summary = "One post; with a token it shows your own rating")
    PostView one(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token, @PathVariable("postId") String postId) {
        long id = RequestValues.postId(postId);
        Post post = posts.find(id).orElseThrow(() -> new NotFoundException("postId: there is no post " + id));
        return views.one(post, CurrentUser.id(token));
    }
}
