package dev.ratings.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.TrustParameters;
import dev.ratings.contract.WindowResult;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link ScoreStreamsIT} under decay-v2: the windows close without further ratings through the user
 * stage and both repartition topics (heartbeats reach the partition without ratings too, and each
 * stage commits a closed window by itself), with the values of the formula: three fresh accounts are
 * all on probation, and alone in pool P they weigh like decay-v1's raters.
 */
@TestPropertySource(properties = "ratings.algorithm=decay-v2")
class DecayV2StreamsIT extends ScoreStreamsIT {

    @Override
    void assertAlgorithm(WindowResult result) {
        assertThat(result.parameters().algorithm()).isEqualTo(ScoreAlgorithm.DECAY_V2);
        assertThat(result.parameters().trust()).isEqualTo(TrustParameters.DEFAULTS);
        assertThat(result.pools().probationInWindow()).isEqualTo(3);
        assertThat(result.pools().trustedInWindow()).isZero();
        assertThat(result.pools().probationScale()).isEqualTo(1);
    }
}
