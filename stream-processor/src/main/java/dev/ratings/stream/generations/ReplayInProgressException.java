package dev.ratings.stream.generations;

/** Only one replay runs at a time. */
public final class ReplayInProgressException extends RuntimeException {

    private final long generation;

    ReplayInProgressException(long generation) {
        super("generation " + generation + " is still being replayed");
        this.generation = generation;
    }

    public long generation() {
        return generation;
    }
}
