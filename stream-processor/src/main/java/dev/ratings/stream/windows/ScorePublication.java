package dev.ratings.stream.windows;

/**
 * Whether a generation writes to the compacted {@code post-scores} topic.
 *
 * <p>Only the current generation may: a replay recomputing old windows would otherwise roll every
 * post's "current" score back in time. When a replay becomes current, each of its tasks writes the
 * latest result of all its posts once (a snapshot), then every new result as usual. Which windows
 * close and what they hold never depend on this, so replays stay deterministic.
 */
public final class ScorePublication {

    private volatile boolean publishing;
    private volatile int snapshotRequests;

    private ScorePublication(boolean publishing) {
        this.publishing = publishing;
    }

    /** For the current generation: publishes from the start, no snapshot needed. */
    public static ScorePublication publishing() {
        return new ScorePublication(true);
    }

    /** For a generation being built: silent until {@link #startWithSnapshot()}. */
    public static ScorePublication silent() {
        return new ScorePublication(false);
    }

    /** Called when the generation becomes current. */
    public void startWithSnapshot() {
        snapshotRequests++;
        publishing = true;
    }

    boolean isPublishing() {
        return publishing;
    }

    int snapshotRequests() {
        return snapshotRequests;
    }
}
