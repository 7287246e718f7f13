package dev.ratings.stream.windows;

/** What the topology reports; the service binds it to Micrometer, tests count directly. */
public interface WindowMetrics {

    /** A valid rating event was read from {@code ratings} (heartbeats and dead letters aside). */
    void ratingRead();

    /** A rating arrived after its window closed and was counted in the earliest open window. */
    void lateRating(long lateByMs);

    /** A rating event with the id of one counted already (a repeated publish) was dropped. */
    void duplicateRating();

    /** A record on {@code ratings} could not be used and went to the dead-letter topic. */
    void deadLettered();

    /** One active window of one post closed and its result was emitted. */
    void windowClosed(long windowEndMs);

    /** A {@code ratings} record the state already holds was read again (offsets lost or reset) and skipped. */
    void alreadyApplied();

    /** Offsets jumped past records that were never applied (moved forward, e.g. reset to latest). */
    void inputGap(long records);

    WindowMetrics NONE = new WindowMetrics() {
        @Override
        public void ratingRead() {}

        @Override
        public void lateRating(long lateByMs) {}

        @Override
        public void duplicateRating() {}

        @Override
        public void deadLettered() {}

        @Override
        public void windowClosed(long windowEndMs) {}

        @Override
        public void alreadyApplied() {}

        @Override
        public void inputGap(long records) {}
    };
}
