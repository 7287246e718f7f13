package dev.ratings.ingest.rating;

import dev.ratings.ingest.security.CurrentUser;
import dev.ratings.ingest.web.RequestValues;
import dev.ratings.ingest.web.StrictJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rating a post. The request thread returns as soon as the event is handed to the producer; the
 * 202 is completed from Kafka's acknowledgement.
 */
@RestController
class RatingController {

    static final int MAX_BODY_BYTES = 4 * 1024;

    private final RatingIntake intake;

    RatingController(RatingIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/api/posts/{postId}/rate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Rate a post 0-5; rating again replaces your earlier rating",
            security = @SecurityRequirement(name = "bearer"))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RatingRequest.class)))
    @ApiResponse(responseCode = "202", description = "Kafka has the rating")
    CompletableFuture<ResponseEntity<RatingAccepted>> rate(
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @PathVariable("postId") String postId,
            @Parameter(hidden = true) HttpServletRequest request) {
        long id = RequestValues.postId(postId);
        RatingRequest rating = RatingRequest.from(StrictJson.readObject(request, MAX_BODY_BYTES));
        return intake.accept(id, CurrentUser.require(token), rating.rating())
                .thenApply(accepted -> ResponseEntity.accepted().body(accepted));
    }
}
