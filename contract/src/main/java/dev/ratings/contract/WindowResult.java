package dev.ratings.contract;

/**
 * The score of one post at the close of one of its active windows: the value of {@link
 * Topics#POST_RATING_WINDOWS} and {@link Topics#POST_SCORES} records and a row of {@code
 * post_rating_windows}.
 *
 * <p>Instants are epoch milliseconds; {@code windowEnd} is exclusive.
 */
public record WindowResult(
        long postId,
        long windowStart,
        long windowEnd,
        long ratingsInWindow,
        long newRaters,
        double burstWeight,
        double baseline,
        long ratingCount,
        long ratingSum,
        double rawAverage,
        double weightedCount,
        double weightedSum,
        double target,
        double score,
        String algorithm,
        long windowSizeMs,
        double decayFactor,
        double priorMean,
        double priorWeight,
        double burstFactor,
        double burstFloor,
        double baselineSmoothing,
        long generation) {

    public ScoreParameters parameters() {
        return new ScoreParameters(
                windowSizeMs, decayFactor, priorMean, priorWeight, burstFactor, burstFloor, baselineSmoothing);
    }

    /**
     * The score shown at wall time {@code nowMs}: {@code T + (S − T)·δ^n} with {@code n = ⌊(now −
     * windowEnd)/W⌋ ≥ 0}, so a quiet post keeps converging to its target.
     */
    public double scoreAt(long nowMs) {
        long quietWindows = Math.max(0, Math.floorDiv(nowMs - windowEnd, windowSizeMs));
        return target + (score - target) * Math.pow(decayFactor, quietWindows);
    }
}
