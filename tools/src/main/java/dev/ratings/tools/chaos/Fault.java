package dev.ratings.tools.chaos;

/** One fault of a run: struck under load, then repaired the way an operator would. */
public interface Fault {

    /** The table's first column, e.g. {@code kill -9 sink}. */
    String name();

    void inject() throws Exception;

    /** Returns once the system has been brought back (processes restarted and healthy). */
    void recover() throws Exception;

    /** Before the final proof: waits for what the fault started to end (a replay to be promoted). */
    default void finish() throws Exception {}
}
