package dev.ratings.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "2500, 3", "-5, 1"})
    void waitsAreWholeSecondsRoundedUpAndAtLeastOne(long millis, long seconds) {
        assertThat(RetryAfter.seconds(Duration.ofMillis(millis))).isEqualTo(seconds);
    }
}
