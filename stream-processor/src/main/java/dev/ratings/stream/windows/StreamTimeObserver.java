package dev.ratings.stream.windows;

/**
 * Told where each partition's stream time stands and when its next window is due to close, so that
 * heartbeats can be written exactly where time must move on without a rating.
 */
public interface StreamTimeObserver {

    /**
     * @param nextCloseAt the stream time at which the earliest open window closes, or {@link
     *     Long#MAX_VALUE} when no window is open
     */
    void advanced(int partition, long streamTime, long nextCloseAt);

    /** The partition's task moved away from this instance. */
    void released(int partition);

    StreamTimeObserver NONE = new StreamTimeObserver() {
        @Override
        public void advanced(int partition, long streamTime, long nextCloseAt) {}

        @Override
        public void released(int partition) {}
    };
}
