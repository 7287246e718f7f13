package dev.ratings.ingest.scores;

import dev.ratings.contract.WindowResult;
import dev.ratings.ingest.web.IsoInstants;

/**
 * The score fields of a post as shown at a moment: counts and plain average from the latest closed
 * window, the fair score decayed to that moment ({@link WindowResult#scoreAt}), and when the window
 * closed. All null before the post's first window.
 */
public record ShownScore(Long ratingCount, Double averageRating, Double rawAverage, String scoreUpdatedAt) {

    public static final ShownScore NONE = new ShownScore(null, null, null, null);

    public static ShownScore of(WindowResult latest, long nowMs) {
        if (latest == null) {
            return NONE;
        }
        return new ShownScore(
                latest.counts().ratingCount(),
                latest.scoreAt(nowMs),
                latest.counts().rawAverage(),
                IsoInstants.format(latest.window().end()));
    }
}
