package dev.ratings.sink.windows;

import dev.ratings.contract.WindowResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * One consumed batch as the rows to write, de-duplicated in Java because PostgreSQL refuses an
 * {@code INSERT ... ON CONFLICT DO UPDATE} that touches the same row twice (the score rows, each
 * post's newest window, are picked from these by the statement).
 *
 * <ul>
 *   <li>{@link #windows()}: one row per (generation, post, window start), sorted by key, so
 *       concurrent writers lock rows in the same order. A window's result never changes within a
 *       generation, so a repeat is a redelivery: the first one is kept, as the table keeps the row
 *       written first.
 *   <li>{@link #skipped()}: results whose generation may no longer be written.
 * </ul>
 */
record WindowBatch(List<WindowResult> windows, int skipped) {

    private static final Comparator<WindowResult> BY_WINDOW_KEY = Comparator.comparingLong(WindowResult::generation)
            .thenComparingLong(WindowResult::postId)
            .thenComparingLong(result -> result.window().start());

    static WindowBatch of(List<WindowResult> results, LongPredicate writableGeneration) {
        Map<WindowKey, WindowResult> windows = new HashMap<>();
        int skipped = 0;
        for (WindowResult result : results) {
            if (!writableGeneration.test(result.generation())) {
                skipped++;
                continue;
            }
            windows.putIfAbsent(WindowKey.of(result), result);
        }
        return new WindowBatch(sorted(windows.values()), skipped);
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }

    private static List<WindowResult> sorted(Iterable<WindowResult> rows) {
        List<WindowResult> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort(BY_WINDOW_KEY);
        return List.copyOf(list);
    }

    private record WindowKey(long generation, long postId, long windowStart) {
        static WindowKey of(WindowResult result) {
            return new WindowKey(
                    result.generation(), result.postId(), result.window().start());
        }
    }
}
