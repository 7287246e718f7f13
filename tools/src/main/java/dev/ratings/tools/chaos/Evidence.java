package dev.ratings.tools.chaos;

import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.util.List;
import java.util.Map;

/**
 * What the system holds after the run, for the run's posts only.
 *
 * @param logEvents distinct rating events ({@code ratingId}s) in the {@code ratings} topic per (user,
 *     post): what the pipeline counts
 * @param republished records in {@code ratings} beyond those: a retry with the same key published the
 *     same event again, which the stream processor drops
 * @param countedPerPost the sum of {@code ratings_in_window} over the current generation's windows
 * @param topicWindows how often each (generation, post, window start) is on {@code post-rating-windows}
 *     (read_committed)
 * @param duplicateRows rows of the current generation beyond one per (post, window start)
 * @param seen every window of the run's posts and when it was first seen in PostgreSQL
 * @param replays a second replay against the first, per replay fault that made one
 */
public record Evidence(
        Map<Pair, Integer> logEvents,
        long republished,
        Map<Long, Long> countedPerPost,
        Map<WindowKey, Integer> topicWindows,
        long duplicateRows,
        List<Freshness.SeenWindow> seen,
        List<ReplayComparison> replays) {

    Evidence withReplays(List<ReplayComparison> comparisons) {
        return new Evidence(
                logEvents, republished, countedPerPost, topicWindows, duplicateRows, seen, List.copyOf(comparisons));
    }

    /** One window result's identity. */
    public record WindowKey(long generation, long post, long windowStartMs) {}
}
