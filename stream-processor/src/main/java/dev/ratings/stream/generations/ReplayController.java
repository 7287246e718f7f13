package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.stream.RatingsProperties;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's replay API (what {@code ./ratings replay} calls), on any instance: requests go
 * through {@code score-generations}, answers come from it and from the consumer groups, so every
 * instance takes the same requests and gives the same answers.
 */
@RestController
class ReplayController {

    private final Generations generations;
    private final ReplayStatuses statuses;
    private final ReplayRequestResolver resolver;

    ReplayController(Generations generations, ReplayStatuses statuses, ReplayRequestResolver resolver) {
        this.generations = generations;
        this.statuses = statuses;
        this.resolver = resolver;
    }

    /** Starts a replay: 202 with its status, 400 for a bad body or setting, 409 if one is under way. */
    @PostMapping(
            path = {"/admin/replays", "/admin/replays/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReplayStatus> start(@RequestBody(required = false) String body) {
        Map<String, String> overrides = ReplayRequestBody.overrides(body);
        RatingsProperties settings;
        try {
            settings = resolver.resolve(overrides);
        } catch (IllegalArgumentException e) {
            throw new InvalidReplayRequestException("set", e.getMessage());
        }
        GenerationEvent started = generations.requestReplay(
                settings.scoreParameters(), settings.window().grace());
        return ResponseEntity.accepted()
                .location(URI.create("/admin/replays/" + started.generation()))
                .body(statuses.status(started.generation()).orElseThrow());
    }

    @GetMapping({"/admin/replays/{generation}", "/admin/replays/{generation}/"})
    ResponseEntity<ReplayStatus> status(@PathVariable long generation) {
        return ResponseEntity.of(statuses.status(generation));
    }

    /** Abandons a replay still being built: 202, 404 for an unknown generation, 409 for one not being built. */
    @DeleteMapping({"/admin/replays/{generation}", "/admin/replays/{generation}/"})
    ResponseEntity<ReplayStatus> abandon(@PathVariable long generation) {
        if (statuses.status(generation).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        generations.abandonReplay(generation);
        return ResponseEntity.accepted().body(statuses.status(generation).orElseThrow());
    }

    @GetMapping({"/admin/generations", "/admin/generations/"})
    List<ReplayStatuses.Listed> generations() {
        return statuses.all(generations.runningHere());
    }

    @ExceptionHandler(ReplayConflictException.class)
    ProblemDetail conflict(ReplayConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("generation", e.generation());
        return problem;
    }

    @ExceptionHandler(InvalidReplayRequestException.class)
    ProblemDetail invalid(InvalidReplayRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }
}
