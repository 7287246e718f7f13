package dev.ratings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTicksTest {

    @Test
    void statFieldsAreCountedAfterTheCommandNameEvenWithSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 700 300 20 5 20 0 30 0 1 0";

        assertThat(CpuTicks.parseStat(stat)).isEqualTo(700 + 300 + 20 + 5);
    }

    @Test
    void machineBusyTimeIsUserNiceSystemIrqSoftirq() {
        assertThat(CpuTicks.parseMachine("cpu  100 2 30 9000 50 4 6 0 0 0")).isEqualTo(100 + 2 + 30 + 4 + 6);
    }

    @Test
    void cpuPerRequestSplitsThePartsAndTheRest() {
        String before = "ingest-api=1000 postgres=500 machine=4000";
        String after = "ingest-api=1200 postgres=500 machine=4400";

        // 200 ticks = 2 s over 1000 requests = 2 ms each; the other 200 ticks likewise; 400 ticks in 2 s on 2 cores
        assertThat(CpuTicks.perRequest(before, after, 1000, 2, 2))
                .isEqualTo("ingest-api 2.00, other 2.00; cores 100 % busy");
    }

    @Test
    void coresUsedTakesTheSamplesInsideTheInterval() {
        List<String> samples = List.of(
                "1000 sink=0 machine=0",
                "2000 sink=50 machine=100",
                "4000 sink=150 machine=300",
                "9000 sink=900 machine=900");

        assertThat(CpuTicks.coresUsed(samples, 1500, 5000)).isEqualTo("sink 0.50, other 0.50 (cores)");
        assertThat(CpuTicks.coresUsed(samples, 9500, 9900)).isEqualTo("n/a");
    }
}
