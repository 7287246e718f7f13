package dev.ratings.stream.windows;

/**
 * Where windows lie and when they close: {@code [k·W, (k+1)·W)} in event time, closed once the time
 * of a stage (its stream time, or the minimum of its upstream watermarks) reaches end + grace.
 */
record WindowGrid(long size, long grace) {

    /**
     * Windows that closed within this long of the wall clock closed live: their stage asks for a
     * commit at once, since under exactly-once the next stage (or a reader) sees nothing before it,
     * and the commit interval is long for throughput. Windows closed while reading history (a
     * replay, a restart after downtime) do not: a commit per window would slow the catch-up.
     */
    private static final long LIVE_MS = 60_000;

    WindowGrid(TopologySettings settings) {
        this(settings.parameters().windowSizeMs(), settings.grace().toMillis());
    }

    long startOf(long timestamp) {
        return Math.floorDiv(timestamp, size) * size;
    }

    /** When the window starting at {@code windowStart} closes: its end (exclusive) plus grace. */
    long closesAt(long windowStart) {
        return windowStart + size + grace;
    }

    boolean isClosed(long windowStart, long time) {
        return closesAt(windowStart) <= time;
    }

    /** Whether the window closing at {@code closesAt} closed live at wall time {@code nowMs}. */
    static boolean closedLive(long closesAt, long nowMs) {
        return nowMs - closesAt < LIVE_MS;
    }

    /** The earliest window still open at this time. */
    long firstOpen(long time) {
        return startOf(time - grace);
    }
}
