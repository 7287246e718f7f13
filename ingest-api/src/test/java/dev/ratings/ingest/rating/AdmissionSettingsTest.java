package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.ingest.limits.RateLimitSettings;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionSettingsTest {

    @ParameterizedTest
    @CsvSource({"0, 5", "-1, 5", "20, 0", "20, -5", "20, NaN", "20, Infinity"})
    void aBucketThatCouldNeverLetARequestThroughIsRefused(int burst, double perSecond) {
        assertThatThrownBy(() -> new RateLimitSettings(burst, perSecond, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ratings.rate-limit.");
    }

    @ParameterizedTest
    @CsvSource({"1, 0.5", "20, 5", "1000, 0.001"})
    void smallAndFractionalRatesAreFine(int burst, double perSecond) {
        assertThat(new RateLimitSettings(burst, perSecond, 3).perSecond()).isEqualTo(perSecond);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aPerPostLimitThatWouldRefuseEveryRatingIsRefused(int perPostPerWindow) {
        assertThatThrownBy(() -> new RateLimitSettings(20, 5, perPostPerWindow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ratings.rate-limit.per-post-per-window");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT23H59M59S", "PT1H", "PT0S"})
    void keysKeptForLessThanTheAdvertisedDayAreRefused(String ttl) {
        assertThatThrownBy(() -> new IdempotencySettings(Duration.parse(ttl), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ratings.idempotency.ttl must be at least PT24H");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT0.5S"})
    void anInFlightReservationOfUnderASecondIsRefused(String inFlight) {
        assertThatThrownBy(() -> new IdempotencySettings(Duration.ofHours(24), Duration.parse(inFlight)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ratings.idempotency.in-flight-ttl");
    }
}
