package dev.ratings.ingest.rating;

import dev.ratings.auth.Problems;
import dev.ratings.ingest.kafka.KafkaSettings;
import dev.ratings.ingest.limits.TokenBucket;
import dev.ratings.ingest.redis.SharedRedisConnection;
import dev.ratings.ingest.security.CurrentUser;
import dev.ratings.ingest.web.CallbackResponses;
import dev.ratings.ingest.web.RequestValues;
import dev.ratings.ingest.web.RetryAfter;
import dev.ratings.ingest.web.StrictJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rating a post, the HTTP edge of the rating path: parses the request, hands it to {@link
 * RatingIntake} and turns its {@link RatingOutcome} into the response. Checks run cheapest first, so
 * that a bad request costs no Redis or Kafka work: token (401), post id, Idempotency-Key and body
 * (400/413/415), then admission (429, 409, 422, the replayed original, or 503 when Redis cannot
 * check the key), post (404), Kafka (503). The request thread returns once the event is handed to
 * the producer; the 202 is written from Kafka's acknowledgement ({@link CallbackResponses}).
 */
@RestController
class RatingController {

    static final int MAX_BODY_BYTES = 4 * 1024;
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final RatingIntake intake;
    private final Duration answerTimeout;

    RatingController(RatingIntake intake, KafkaSettings kafka) {
        this.intake = intake;
        // a backstop only: Kafka answers or fails within the send timeout
        this.answerTimeout = kafka.sendTimeout().plusSeconds(5);
    }

    @PostMapping(path = "/api/posts/{postId}/rate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Rate a post 0-5; rating again replaces your earlier rating",
            security = @SecurityRequirement(name = "bearer"))
    @Parameter(
            name = IdempotencyKey.HEADER,
            in = ParameterIn.HEADER,
            description = "Optional, 1-255 printable ASCII characters, scoped to your user and kept for 24 h:"
                    + " a retry with the same key and the same rating of the same post gets the original"
                    + " response and publishes nothing; after a 503 or no answer it publishes the same rating"
                    + " again (same ratingId and acceptedAt), counted once",
            schema = @Schema(type = "string", minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RatingRequest.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Kafka has the rating (or, with Idempotent-Replayed: true, had it from the first"
                    + " request with this Idempotency-Key)",
            headers =
                    @Header(
                            name = REPLAYED_HEADER,
                            description = "true when this is the stored response of an earlier request",
                            schema = @Schema(type = "boolean")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RatingAccepted.class)))
    @ApiResponse(responseCode = "400", description = "Bad post id, body or Idempotency-Key; detail names it")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "404", description = "No such post")
    @ApiResponse(
            responseCode = "409",
            description = "A request with this Idempotency-Key is still in flight; retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
    @ApiResponse(responseCode = "413", description = "Body over 4 KiB")
    @ApiResponse(responseCode = "415", description = "Content-Type is not application/json")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was used for a different request")
    @ApiResponse(
            responseCode = "429",
            description = "Over your rate limit, or you rated this post as often as one window allows (3 times per"
                    + " window by default); retry after Retry-After",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "seconds until a rating is allowed again",
                            schema = @Schema(type = "integer")))
    @ApiResponse(
            responseCode = "503",
            description = "Kafka did not acknowledge the rating in time, or Redis could not check the"
                    + " Idempotency-Key in time; nothing was accepted, retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
    void rate(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @PathVariable("postId") String postId,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response)
            throws IOException {
        long id = RequestValues.postId(postId);
        Optional<IdempotencyKey> key = IdempotencyKey.from(request.getHeaders(IdempotencyKey.HEADER));
        int rating = RatingRequest.rating(StrictJson.readBody(request, MAX_BODY_BYTES));
        CompletionStage<RatingOutcome> outcome =
                intake.accept(new RatingRequest(id, rating, key), CurrentUser.require(token));
        CallbackResponses.respond(
                request,
                response,
                outcome,
                answerTimeout,
                (answer, out) -> write(answer, request, out),
                this::timedOut);
    }

    /** The outcome as HTTP: the only place that knows which status each one is. */
    static void write(RatingOutcome outcome, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (outcome instanceof RatingOutcome.Accepted accepted) {
            json(response, RatingIntake.ACCEPTED, accepted.body());
        } else if (outcome instanceof RatingOutcome.Replayed replayed) {
            response.setHeader(REPLAYED_HEADER, "true");
            json(response, replayed.status(), replayed.body());
        } else if (outcome instanceof RatingOutcome.RateLimited limited) {
            problem(
                    response,
                    request,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate limit: user " + limited.userId() + " may rate posts "
                            + TokenBucket.described(limited.burst(), limited.perSecond()) + "; retry in "
                            + RetryAfter.seconds(limited.retryAfter()) + " s",
                    null,
                    limited.retryAfter());
        } else if (outcome instanceof RatingOutcome.PostLimited limited) {
            problem(
                    response,
                    request,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate limit: user " + limited.userId() + " may rate post " + limited.postId() + " at most "
                            + limited.allowed() + " times per window of " + words(limited.window())
                            + " (ratings.window.size); the next window starts in "
                            + RetryAfter.seconds(limited.retryAfter()) + " s",
                    null,
                    limited.retryAfter());
        } else if (outcome instanceof RatingOutcome.KeyInFlight inFlight) {
            problem(
                    response,
                    request,
                    HttpStatus.CONFLICT,
                    IdempotencyKey.HEADER + ": a request with this key is still being processed; retry in "
                            + RetryAfter.seconds(inFlight.retryAfter()) + " s to get its response",
                    IdempotencyKey.HEADER,
                    inFlight.retryAfter());
        } else if (outcome instanceof RatingOutcome.KeyReused) {
            problem(
                    response,
                    request,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    IdempotencyKey.HEADER + ": this key was already used for a different request (another post,"
                            + " rating or body); use a new key for a new request",
                    IdempotencyKey.HEADER,
                    null);
        } else if (outcome instanceof RatingOutcome.KeyUnchecked unchecked) {
            problem(
                    response,
                    request,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    IdempotencyKey.HEADER
                            + (unchecked.reason().equals(SharedRedisConnection.FULL)
                                    ? ": could not be reserved (Redis is full)"
                                    : ": could not be checked in time (Redis is slow)")
                            + ", so the rating was not accepted; retry in "
                            + RetryAfter.seconds(unchecked.retryAfter()) + " s with the same key",
                    null,
                    unchecked.retryAfter());
        } else if (outcome instanceof RatingOutcome.NoSuchPost missing) {
            problem(
                    response,
                    request,
                    HttpStatus.NOT_FOUND,
                    "postId: there is no post " + missing.postId(),
                    null,
                    null);
        } else if (outcome instanceof RatingOutcome.NotPublished unpublished) {
            problem(
                    response,
                    request,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "rating: Kafka did not acknowledge it in time (" + unpublished.cause()
                            + "), so it was not accepted; retry after the Retry-After delay with the same"
                            + " Idempotency-Key: it is counted once whatever became of this try",
                    null,
                    unpublished.retryAfter());
        } else {
            throw new IllegalStateException("no response for " + outcome);
        }
    }

    /** The backstop: Kafka answers within the send timeout, so this should never be needed. */
    private void timedOut(Duration waited, HttpServletResponse response) throws IOException {
        // the request is still readable until the response completes
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.write(
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "rating: no answer from Kafka within " + waited.toMillis() + " ms; retry with the same"
                                + " Idempotency-Key to learn whether it was accepted"),
                response);
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void problem(
            HttpServletResponse response,
            HttpServletRequest request,
            HttpStatus status,
            String detail,
            String field,
            Duration retryAfter)
            throws IOException {
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RetryAfter.seconds(retryAfter)));
        }
        Problems.write(Problems.of(status, detail, field, request), response);
    }

    /** "5 minutes", "10 seconds", "90 seconds". */
    private static String words(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes") : seconds + " seconds";
    }
}
