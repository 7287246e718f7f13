package dev.ratings.stream.generations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.ScoreParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gap in the current generation starts one replay with its parameters; nothing else does. */
class InputGapReplayTest {

    private static final ScoreParameters LIVE_PARAMETERS = ScoreParameters.DEFAULTS;
    private static final long GRACE_MS = 2_500;

    private final GenerationLifecycle lifecycle = GenerationLifecycle.empty();
    private final List<String> requested = new ArrayList<>();
    private final InputGapReplay gapReplay = new InputGapReplay(() -> lifecycle, this::request);

    @Test
    void aGapInTheCurrentGenerationReplaysItWithItsOwnParametersAndGrace() {
        lifecycle.apply(event(1, GenerationState.CURRENT));

        assertThat(gapReplay.afterGapIn(1)).map(GenerationEvent::generation).contains(2L);
        assertThat(requested).containsExactly(LIVE_PARAMETERS + " grace " + Duration.ofMillis(GRACE_MS));
    }

    @Test
    void aGapWhileAReplayIsBuiltStartsNoOtherOne() {
        lifecycle.apply(event(1, GenerationState.CURRENT));
        lifecycle.apply(event(2, GenerationState.BUILDING));

        assertThat(gapReplay.afterGapIn(1)).isEmpty();
        assertThat(gapReplay.afterGapIn(2)).isEmpty();
        assertThat(requested).isEmpty();
    }

    @Test
    void aGapInAGenerationThatIsNoLongerCurrentStartsNothing() {
        lifecycle.apply(event(1, GenerationState.CURRENT));
        lifecycle.apply(event(2, GenerationState.BUILDING));
        lifecycle.apply(event(2, GenerationState.CURRENT));

        assertThat(gapReplay.afterGapIn(1)).isEmpty();
        assertThat(requested).isEmpty();
    }

    @Test
    void aReplayRequestThatLosesToAnotherOneIsNotAnError() {
        lifecycle.apply(event(1, GenerationState.CURRENT));
        InputGapReplay losing = new InputGapReplay(() -> lifecycle, (parameters, grace) -> {
            throw new ReplayConflictException(2, "another replay request came first");
        });

        assertThat(losing.afterGapIn(1)).isEmpty();
    }

    private GenerationEvent request(ScoreParameters parameters, Duration grace) {
        requested.add(parameters + " grace " + grace);
        return lifecycle.nextBuilding(parameters, grace.toMillis(), 0);
    }

    private static GenerationEvent event(long generation, GenerationState state) {
        return new GenerationEvent(generation, state, LIVE_PARAMETERS, GRACE_MS, 0);
    }
}
