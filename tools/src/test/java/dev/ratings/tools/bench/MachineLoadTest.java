package dev.ratings.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.tools.ToolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineLoadTest {

    private static final int CORES = 2;
    private static final int OWN = 4;

    @Test
    void aQuietMachineIsNotMarkedEvenWhileThePhaseKeepsItsOwnThreadsBusy() {
        MachineLoad load = MachineLoad.of(
                List.of(
                        "before 0.40 1",
                        "before 0.40 2",
                        "before 0.41 1",
                        "before 0.41 1",
                        "before 0.42 1",
                        "during 1.10 6",
                        "during 2.50 7",
                        "during 3.90 5"),
                CORES,
                OWN);

        assertThat(load.runnableBefore()).isEqualTo(0.2); // less the sampling shell
        assertThat(load.runnableMean()).isEqualTo(5.0);
        assertThat(load.disturbance()).isEmpty();
        assertThat(load.summary())
                .isEqualTo("before: 0.2 runnable, load average 0.40; during: mean 5.0 / max 6 runnable (3 samples;"
                        + " expected of its own 4), load average up to 3.90; 2 cores");
    }

    @Test
    void moreThreadsRunnableThanCoresBeforeThePhaseMarksIt() {
        MachineLoad load = MachineLoad.of(
                List.of(
                        "before 6.10 7",
                        "before 6.10 8",
                        "before 6.00 7",
                        "before 6.00 7",
                        "before 6.00 8",
                        "during 6.2 5"),
                CORES,
                OWN);

        assertThat(load.disturbance()).isEqualTo("6.4 threads runnable on 2 cores before the phase");
    }

    @Test
    void exactlyAsManyRunnableAsCoresBeforeIsNotYetDisturbed() {
        MachineLoad load = MachineLoad.of(List.of("before 2.0 3", "during 2.0 3"), CORES, OWN);

        assertThat(load.disturbance()).isEmpty();
    }

    @Test
    void aHighOneMinuteAverageLeftByThePreviousPhaseAloneDoesNotMarkIt() {
        // the previous phase kept 30 threads busy: its average lingers, but nothing runs now
        MachineLoad load = MachineLoad.of(List.of("before 24.5 1", "before 24.1 1", "during 20.0 4"), CORES, OWN);

        assertThat(load.disturbance()).isEmpty();
    }

    @Test
    void moreRunnableDuringThanTheCoresPlusThePhasesOwnThreadsMarksIt() {
        MachineLoad load =
                MachineLoad.of(List.of("before 0.5 1", "during 5.0 8", "during 7.0 9", "during 8.0 6"), CORES, OWN);

        assertThat(load.disturbance())
                .isEqualTo("6.7 threads runnable on average during the phase, on 2 cores + 4 of its own");
    }

    @Test
    void noSampleBeforeThePhaseIsAnError() {
        assertThatThrownBy(() -> MachineLoad.of(List.of("during 1.0 2"), CORES, OWN))
                .isInstanceOf(ToolException.class);
    }

    @Test
    void theTableMarksTheRowsOfADisturbedPhaseAndNotesEveryPhasesLoad() {
        Results results = Results.of(Map.of(
                "mode", "quick",
                "load_sink", "before: 6.1 runnable",
                "load_sink_disturbed", "6.1 threads runnable on 2 cores before the phase",
                "load_stream", "before: 0.3 runnable",
                "load_stream_disturbed", ""));

        String table = new Report(results).table("2 cores, test JVM");

        assertThat(table)
                .contains("| 3 | sink, rows/s into PostgreSQL ( window results) — **disturbed** (sink: 6.1 threads"
                        + " runnable on 2 cores before the phase) |")
                .contains("| 2 | stream processor, records/s ( events, exactly_once_v2, RocksDB) |")
                .contains("- stream: before: 0.3 runnable — quiet")
                .contains(
                        "- sink: before: 6.1 runnable — **disturbed: 6.1 threads runnable on 2 cores before the phase**")
                .doesNotContain("- ingest:");
        assertThat(table.indexOf("- stream:")).isLessThan(table.indexOf("- sink:"));
    }
}
