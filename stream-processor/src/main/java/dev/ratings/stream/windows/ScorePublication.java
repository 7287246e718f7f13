package dev.ratings.stream.windows;

/**
 * Whether a generation writes to the compacted {@code post-scores} topic.
 *
 * <p>Only the current generation may: a replay recomputing old windows would otherwise roll every
 * post's "current" score back in time. When a replay becomes current, each of its tasks writes the
 * latest result of all its posts once (a snapshot, see {@link ScoreSnapshot}), then every new result
 * as usual. The snapshot waits until the generation it replaces has stopped on every instance (its
 * consumer group is gone), so that no result of the old generation can follow it on {@code
 * post-scores}. Which windows close and what they hold never depend on this, so replays stay
 * deterministic.
 */
public final class ScorePublication {

    private volatile boolean publishing;
    private volatile boolean snapshotAllowed;

    private ScorePublication(boolean publishing, boolean snapshotAllowed) {
        this.publishing = publishing;
        this.snapshotAllowed = snapshotAllowed;
    }

    /** For a current generation that replaces none still running: publishes, and snapshots at once if it never did. */
    public static ScorePublication publishing() {
        return new ScorePublication(true, true);
    }

    /** For a generation being built: silent until {@link #startPublishing()}. */
    public static ScorePublication silent() {
        return new ScorePublication(false, false);
    }

    /** The generation has become current: its new results go to {@code post-scores}. */
    public void startPublishing() {
        publishing = true;
    }

    /** The generation it replaced has stopped everywhere: each task may now write its snapshot. */
    public void allowSnapshot() {
        snapshotAllowed = true;
    }

    boolean isPublishing() {
        return publishing;
    }

    boolean maySnapshot() {
        return publishing && snapshotAllowed;
    }
}
