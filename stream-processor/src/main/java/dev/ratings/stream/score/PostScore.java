package dev.ratings.stream.score;

/**
 * What a post carries from one active window to the next: the last score, target and baseline, and
 * the sums over its raters' current ratings.
 */
public record PostScore(
        long windowStart,
        double score,
        double target,
        double baseline,
        long ratingCount,
        long ratingSum,
        double weightedCount,
        double weightedSum) {

    /** The sums before anyone rated; never a previous window (see {@link DecayV1#startClose}). */
    static final PostScore EMPTY = new PostScore(Long.MIN_VALUE, 0, 0, 0, 0, 0, 0, 0);
}
