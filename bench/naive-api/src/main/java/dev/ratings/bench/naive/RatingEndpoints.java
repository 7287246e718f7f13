package dev.ratings.bench.naive;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.rating.BenchRatingBodies;
import dev.ratings.ingest.security.CurrentUser;
import dev.ratings.ingest.web.RequestValues;
import dev.ratings.ingest.web.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two rating endpoints that check exactly what the real one checks before its first side effect
 * (token, post id, body) and answer with the same 202 body:
 *
 * <ul>
 *   <li>{@code /api/posts/{id}/rate}, the naive design: the rating is written to PostgreSQL in one
 *       synchronous transaction per request;
 *   <li>{@code /api/noop/posts/{id}/rate}: nothing is written, the HTTP ceiling of this stack.
 * </ul>
 *
 * Both answer from the request thread; under {@code /api/}, so the same security rules apply.
 */
@RestController
class RatingEndpoints {

    private final NaiveRatings ratings;
    private final Clock clock;

    RatingEndpoints(NaiveRatings ratings, Clock clock) {
        this.ratings = ratings;
        this.clock = clock;
    }

    @PostMapping(path = "/api/posts/{postId}/rate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> naive(
            @AuthenticationPrincipal Jwt token, @PathVariable("postId") String postId, HttpServletRequest request) {
        RatingEvent event = validated(token, postId, request);
        ratings.save(event);
        return accepted(event);
    }

    @PostMapping(path = "/api/noop/posts/{postId}/rate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> noop(
            @AuthenticationPrincipal Jwt token, @PathVariable("postId") String postId, HttpServletRequest request) {
        return accepted(validated(token, postId, request));
    }

    private RatingEvent validated(Jwt token, String postId, HttpServletRequest request) {
        long id = RequestValues.postId(postId);
        int rating = BenchRatingBodies.rating(StrictJson.readBody(request, BenchRatingBodies.MAX_BODY_BYTES));
        return new RatingEvent(UUID.randomUUID(), id, CurrentUser.require(token), rating, clock.millis());
    }

    private static ResponseEntity<String> accepted(RatingEvent event) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(BenchRatingBodies.accepted(event));
    }
}
