package dev.ratings.ingest.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.ingest.web.IsoInstants;

/** A window result as in Kafka, with its instants as ISO strings as everywhere in HTTP JSON. */
record WindowView(
        long postId,
        String windowStart,
        String windowEnd,
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

    static WindowView of(WindowResult w) {
        return new WindowView(
                w.postId(),
                IsoInstants.format(w.windowStart()),
                IsoInstants.format(w.windowEnd()),
                w.ratingsInWindow(),
                w.newRaters(),
                w.burstWeight(),
                w.baseline(),
                w.ratingCount(),
                w.ratingSum(),
                w.rawAverage(),
                w.weightedCount(),
                w.weightedSum(),
                w.target(),
                w.score(),
                w.algorithm(),
                w.windowSizeMs(),
                w.decayFactor(),
                w.priorMean(),
                w.priorWeight(),
                w.burstFactor(),
                w.burstFloor(),
                w.baselineSmoothing(),
                w.generation());
    }
}
