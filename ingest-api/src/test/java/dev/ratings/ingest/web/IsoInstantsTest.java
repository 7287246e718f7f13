package dev.ratings.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoInstantsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "0, 1970-01-01T00:00:00.000Z",
        "-1, 1969-12-31T23:59:59.999Z",
        "1767225900000, 2026-01-01T00:05:00.000Z",
        "951782400123, 2000-02-29T00:00:00.123Z",
        "253402300799999, 9999-12-31T23:59:59.999Z",
        "-62167219200000, 0000-01-01T00:00:00.000Z"
    })
    void instantsAreUtcWithMilliseconds(long epochMillis, String expected) {
        assertThat(IsoInstants.format(epochMillis)).isEqualTo(expected);
    }

    @Test
    void everyInstantIsWrittenAsTheFormatterWritesIt() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 200_000; i++) {
            long epochMillis = i % 4 == 0
                    ? random.nextLong(-100_000_000_000_000L, 100_000_000_000_000L) // years far out, both ways
                    : random.nextLong(-2_000_000_000_000L, 5_000_000_000_000L);
            assertThat(IsoInstants.format(epochMillis))
                    .as("%d", epochMillis)
                    .isEqualTo(REFERENCE.format(Instant.ofEpochMilli(epochMillis)));
        }
    }
}
