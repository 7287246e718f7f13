package dev.ratings.stream.score;

/**
 * The outcome of closing one active window.
 *
 * @param state what the post carries into its next active window; also holds the window's score,
 *     target, baseline and sums
 */
public record WindowScore(
        long windowStart,
        long windowEnd,
        long ratingsInWindow,
        long newRaters,
        double burstWeight,
        double rawAverage,
        PostScore state) {}
