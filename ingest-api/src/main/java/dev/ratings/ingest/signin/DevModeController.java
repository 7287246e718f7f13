package dev.ratings.ingest.signin;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dev}: whether the page may offer demo sign-in. Answers in every mode. */
@Hidden // a development aid, not part of the API
@RestController
class DevModeController {

    record DevMode(boolean signIn) {}

    private final DevMode mode;

    DevModeController(DevSettings settings) {
        this.mode = new DevMode(settings.signIn());
    }

    @GetMapping("/api/dev")
    DevMode mode() {
        return mode;
    }
}
