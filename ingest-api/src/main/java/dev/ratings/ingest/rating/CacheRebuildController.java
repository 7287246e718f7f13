package dev.ratings.ingest.rating;

import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.NotFoundException;
import dev.ratings.ingest.web.ProblemException;
import dev.ratings.ingest.web.StrictJson;
import io.lettuce.core.RedisException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rating cache rebuild as a resource (admins only, under {@code /admin/**}): {@code POST} asks
 * for one and answers 202 with where to follow it; {@code GET} shows a rebuild, by id or {@code
 * latest}. {@code ./ratings rebuild-cache} uses both.
 */
@RestController
class CacheRebuildController {

    static final int MAX_BODY_BYTES = 1024;
    private static final Duration REDIS_RETRY_AFTER = Duration.ofSeconds(5);
    private static final String PATH = "/admin/cache-rebuilds";
    private static final Set<String> NUMBERS = Set.of("records", "ratings");

    private final CacheRebuilds rebuilds;
    private final RatingCacheGuard guard;

    CacheRebuildController(CacheRebuilds rebuilds, RatingCacheGuard guard) {
        this.rebuilds = rebuilds;
        this.guard = guard;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Refill Redis (each user's latest rating) from the ratings topic; the body is {}",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "202", description = "Requested (or already running); Location follows it")
    @ApiResponse(responseCode = "400", description = "The body is not exactly {}")
    @ApiResponse(responseCode = "503", description = "Redis is unavailable")
    ResponseEntity<Map<String, Object>> request(@Parameter(hidden = true) HttpServletRequest request) {
        for (String name : StrictJson.readObject(request, MAX_BODY_BYTES).propertyNames()) {
            throw new InvalidRequestException(
                    name, "unknown field " + StrictJson.quote(name) + "; a cache rebuild takes no options: send {}");
        }
        String id;
        Map<String, String> status;
        try {
            id = rebuilds.request();
            guard.checkNow();
            status = rebuilds.find(id).orElseThrow();
        } catch (RedisException | IllegalStateException | NoSuchElementException e) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "redis: the rebuild could not be requested (" + e.getMessage() + "); retry in 5 s",
                    null,
                    REDIS_RETRY_AFTER);
        }
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + id)).body(view(status));
    }

    @GetMapping(PATH + "/{id}")
    @Operation(
            summary = "A cache rebuild: requested, running, done (with counts) or failed (with the error)",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The rebuild")
    @ApiResponse(responseCode = "404", description = "No such rebuild (kept a week)")
    Map<String, Object> rebuild(@PathVariable("id") String id) {
        if (!id.equals("latest") && !id.matches("[1-9][0-9]{0,18}")) {
            throw new InvalidRequestException("id", "must be a rebuild number or latest, got '" + id + "'");
        }
        return view(rebuilds.find(id).orElseThrow(() -> notFound(id)));
    }

    /** The stored fields, with the id and the counts as numbers. */
    private static Map<String, Object> view(Map<String, String> fields) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (String name : new String[] {
            "id", "state", "trigger", "requestedAt", "startedAt", "finishedAt", "records", "ratings", "seconds", "error"
        }) {
            String value = fields.get(name);
            if (value != null) {
                view.put(
                        name,
                        name.equals("id") || NUMBERS.contains(name)
                                ? (Object) Long.parseLong(value)
                                : name.equals("seconds") ? (Object) Double.parseDouble(value) : value);
            }
        }
        return view;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("id: there is no cache rebuild " + id);
    }
}
