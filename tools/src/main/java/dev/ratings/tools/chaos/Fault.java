package dev.ratings.tools.chaos;

import java.util.List;
import java.util.Optional;

/** One fault of a run: struck under load, then repaired the way an operator would. */
public interface Fault {

    /** The table's first column, e.g. {@code kill -9 sink}. */
    String name();

    void inject() throws Exception;

    /** Returns once the system has been brought back (processes restarted and healthy). */
    void recover() throws Exception;

    /** Before the final proof: waits for what the fault started to end (a replay to be promoted). */
    default void finish() throws Exception {}

    /**
     * After the proof's evidence is gathered (load stopped, every window closed): a replay fault
     * replays again with the same parameters and compares the two generations' windows of the
     * posts; other faults have nothing to repeat.
     */
    default Optional<ReplayComparison> replayAgain(Database database, List<Long> posts) throws Exception {
        return Optional.empty();
    }
}
