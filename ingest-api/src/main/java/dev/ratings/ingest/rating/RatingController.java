package dev.ratings.ingest.rating;

import dev.ratings.ingest.admission.IdempotencyKey;
import dev.ratings.ingest.security.CurrentUser;
import dev.ratings.ingest.web.RequestValues;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rating a post. Checks run cheapest first, so that a bad request costs no Redis or Kafka work:
 * token (401), post id, Idempotency-Key and body (400/413/415), then rate limit and key (429, 409,
 * 422, the replayed original, or 503 when Redis cannot check the key in time), post (404), Kafka
 * (503). The request thread returns once the
 * event is handed to the producer; the 202 is completed from Kafka's acknowledgement.
 */
@RestController
class RatingController {

    static final int MAX_BODY_BYTES = 4 * 1024;
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final RatingIntake intake;

    RatingController(RatingIntake intake) {
        this.intake = intake;
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
                    + " response and publishes nothing",
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
            description = "Over your rate limit; retry after Retry-After",
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
    CompletableFuture<ResponseEntity<String>> rate(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @PathVariable("postId") String postId,
            @Parameter(hidden = true) HttpServletRequest request) {
        long id = RequestValues.postId(postId);
        Optional<IdempotencyKey> key = IdempotencyKey.from(request);
        RatingRequest rating = RatingRequest.from(StrictJson.readObject(request, MAX_BODY_BYTES));
        return intake.accept(id, CurrentUser.require(token), rating.rating(), key)
                .thenApply(RatingController::response);
    }

    private static ResponseEntity<String> response(RatingReply reply) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON);
        if (reply.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(reply.body());
    }
}
