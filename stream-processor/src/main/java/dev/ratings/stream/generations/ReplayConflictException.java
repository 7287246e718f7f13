package dev.ratings.stream.generations;

/** A replay request that the log did not take: one is under way, or another request came first. */
public final class ReplayConflictException extends RuntimeException {

    private final long generation;

    ReplayConflictException(long generation, String message) {
        super(message);
        this.generation = generation;
    }

    /** The generation in the way: the replay under way, or the one named. */
    public long generation() {
        return generation;
    }
}
