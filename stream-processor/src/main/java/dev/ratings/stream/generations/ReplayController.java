package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.stream.RatingsProperties;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's replay API (what {@code ./ratings replay} calls). It sits on the service's internal
 * port beside health and metrics; keep that port private.
 */
@RestController
class ReplayController {

    /** @param set score settings to override, e.g. {@code {"ratings.decay.factor": "0.3"}} */
    record ReplayRequest(Map<String, String> set) {}

    private final Generations generations;
    private final ReplayRequestResolver resolver;

    ReplayController(Generations generations, ReplayRequestResolver resolver) {
        this.generations = generations;
        this.resolver = resolver;
    }

    @PostMapping({"/admin/replays", "/admin/replays/"})
    ResponseEntity<ReplayStatus> start(@RequestBody(required = false) ReplayRequest request) {
        Map<String, String> overrides = request == null || request.set() == null ? Map.of() : request.set();
        RatingsProperties settings = resolver.resolve(overrides);
        GenerationEvent started = generations.startReplay(
                settings.scoreParameters(), settings.window().grace());
        ReplayStatus status = generations.replayStatus(started.generation()).orElseThrow();
        return ResponseEntity.accepted()
                .location(URI.create("/admin/replays/" + started.generation()))
                .body(status);
    }

    @GetMapping({"/admin/replays/{generation}", "/admin/replays/{generation}/"})
    ResponseEntity<ReplayStatus> status(@PathVariable long generation) {
        return ResponseEntity.of(generations.replayStatus(generation));
    }

    @GetMapping({"/admin/generations", "/admin/generations/"})
    Collection<GenerationEvent> generations() {
        return generations.all();
    }

    @ExceptionHandler(ReplayInProgressException.class)
    ProblemDetail replayInProgress(ReplayInProgressException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("generation", e.generation());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidSettings(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
