package dev.ratings.tools.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second replay with the same parameters against the first: the same history must give every
 * window the first one had closed the same counts and, to {@value #TOLERANCE}, the same score.
 * Windows only the second one has (closed after it started) are not compared. Pure: the rows in,
 * the differences out.
 *
 * @param first the generation compared against (current when the second replay was requested)
 * @param second the second replay's generation
 * @param compared windows of {@code first} looked up in {@code second}
 * @param differences one line per window missing or different, at most {@value #EXAMPLES}
 * @param differing how many windows are missing or different in all
 */
public record ReplayComparison(long first, long second, int compared, List<String> differences, int differing) {

    static final double TOLERANCE = 1e-9;
    static final int EXAMPLES = 5;

    /** One window of one post. */
    public record Window(long post, long windowStartMs) {}

    /** What a window result must reproduce. */
    public record Result(long ratingsInWindow, long ratingCount, double score) {

        boolean sameAs(Result other) {
            return ratingsInWindow == other.ratingsInWindow
                    && ratingCount == other.ratingCount
                    && Math.abs(score - other.score) <= TOLERANCE;
        }
    }

    public boolean identical() {
        return differing == 0;
    }

    static ReplayComparison of(long first, Map<Window, Result> firstRows, long second, Map<Window, Result> secondRows) {
        List<String> differences = new ArrayList<>();
        int differing = 0;
        for (Map.Entry<Window, Result> row : firstRows.entrySet()) {
            Result again = secondRows.get(row.getKey());
            if (again != null && again.sameAs(row.getValue())) {
                continue;
            }
            differing++;
            if (differences.size() < EXAMPLES) {
                differences.add(row.getKey() + ": " + row.getValue() + " in generation " + first + ", "
                        + (again == null ? "missing" : again.toString()) + " in generation " + second);
            }
        }
        return new ReplayComparison(first, second, firstRows.size(), List.copyOf(differences), differing);
    }
}
