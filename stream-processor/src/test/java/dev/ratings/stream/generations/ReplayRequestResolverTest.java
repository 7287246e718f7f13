package dev.ratings.stream.generations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TrustParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What {@code ./ratings replay --set ...} may change: the algorithm and its trust parameters among them. */
class ReplayRequestResolverTest {

    private final StandardEnvironment environment = new StandardEnvironment();
    private final ReplayRequestResolver resolver = new ReplayRequestResolver(environment);

    @Test
    void aReplayCanSwitchToDecayV2WithItsDefaultTrustParameters() {
        ScoreParameters parameters =
                resolver.resolve(Map.of("ratings.algorithm", "decay-v2")).scoreParameters();

        assertThat(parameters.algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V2);
        assertThat(parameters.trust()).isEqualTo(TrustParameters.DEFAULTS);
    }

    @Test
    void andAReplayWithoutSettingsGoesBackToTheConfiguredDecayV1() {
        assertThat(resolver.resolve(Map.of()).scoreParameters()).isEqualTo(ScoreParameters.DEFAULTS);
    }

    @Test
    void everyTrustParameterCanBeSet() {
        TrustParameters trust = resolver.resolve(Map.of(
                        "ratings.algorithm", "decay-v2",
                        "ratings.trust.floor", "0.2",
                        "ratings.trust.age-windows", "12",
                        "ratings.trust.posts", "2",
                        "ratings.probation.share", "0.3",
                        "ratings.probation.floor", "4"))
                .scoreParameters()
                .trust();

        assertThat(trust).isEqualTo(new TrustParameters(0.2, 12, 2, 0.3, 4));
    }

    @Test
    void theConfiguredAlgorithmIsWhatAPlainReplayUses() {
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("configured", Map.of("ratings.algorithm", "decay-v2")));

        assertThat(resolver.resolve(Map.of()).scoreParameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V2);
        assertThat(resolver.resolve(Map.of("ratings.algorithm", "decay-v1"))
                        .scoreParameters()
                        .trust())
                .isNull();
    }

    @Test
    void invalidTrustParametersAreRefusedWithTheRuleTheyBreak() {
        assertRefused(Map.of("ratings.trust.floor", "0"), "trustFloor must be in (0, 1]");
        assertRefused(Map.of("ratings.trust.floor", "1.5"), "trustFloor must be in (0, 1]");
        assertRefused(Map.of("ratings.trust.age-windows", "-1"), "trustAgeWindows must be >= 0");
        assertRefused(Map.of("ratings.trust.posts", "-2"), "trustPosts must be >= 0");
        assertRefused(Map.of("ratings.probation.share", "0"), "probationShare must be in (0, 1]");
        assertRefused(Map.of("ratings.probation.floor", "0"), "probationFloor must be finite and > 0");
        assertRefused(Map.of("ratings.algorithm", "decay-v9"), "algorithm must be one of [decay-v1, decay-v2]");
    }

    @Test
    void invalidTrustParametersAreRefusedUnderDecayV1TooSoThatALaterSwitchCannotFailOnThem() {
        assertRefused(Map.of("ratings.algorithm", "decay-v1", "ratings.trust.floor", "0"), "trustFloor");
    }

    @Test
    void aSettingThatIsNoScoreSettingIsRefused() {
        assertRefused(Map.of("ratings.trust.colour", "blue"), "not a score setting");
    }

    private void assertRefused(Map<String, String> overrides, String rule) {
        assertThatThrownBy(() -> resolver.resolve(overrides).scoreParameters())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rule);
    }
}
