package dev.ratings.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    @Test
    void setPairsBecomeTheSetObject() {
        ReplayRequest request = ReplayRequest.of(List.of("ratings.decay.factor=0.3", "ratings.window.size=PT10S"));

        assertThat(request.set()).isEqualTo(Map.of("ratings.decay.factor", "0.3", "ratings.window.size", "PT10S"));
        assertThat(request.described()).isEqualTo(" with ratings.decay.factor=0.3 ratings.window.size=PT10S");
    }

    @Test
    void noSetsMeansTheConfiguredSettings() {
        assertThat(ReplayRequest.of(List.of()).set()).isEmpty();
        assertThat(ReplayRequest.of(List.of()).described()).isEmpty();
    }

    @Test
    void refusesWhatIsNotARatingsSetting() {
        assertThatThrownBy(() -> ReplayRequest.of(List.of("decay.factor=0.3")))
                .hasMessageContaining("not a ratings.<param>");
        assertThatThrownBy(() -> ReplayRequest.of(List.of("ratings.decay.factor")))
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> ReplayRequest.of(List.of("ratings.decay.factor=0.3\"}")))
                .hasMessageContaining("the value may hold only");
    }
}
