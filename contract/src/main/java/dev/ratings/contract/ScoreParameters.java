package dev.ratings.contract;

/**
 * The parameters of the {@value #ALGORITHM} score; every window result carries the ones it was
 * computed with.
 *
 * @param windowSizeMs W, the tumbling window size
 * @param decayFactor δ in [0, 1): how much of the previous score survives one window
 * @param priorMean m, the score of a post nobody has rated yet
 * @param priorWeight k ≥ 0, how many ratings' worth of weight the prior mean carries
 * @param burstFactor β &gt; 0: a window counts at most like β times the post's usual volume
 * @param burstFloor f &gt; 0: the usual volume assumed for a quiet post
 * @param baselineSmoothing λ in (0, 1]: how fast the usual volume follows the real one
 */
public record ScoreParameters(
        long windowSizeMs,
        double decayFactor,
        double priorMean,
        double priorWeight,
        double burstFactor,
        double burstFloor,
        double baselineSmoothing) {

    public static final String ALGORITHM = "decay-v1";

    public static final ScoreParameters DEFAULTS = new ScoreParameters(300_000, 0.5, 2.5, 0, 3, 10, 0.2);

    public ScoreParameters {
        require(windowSizeMs > 0, "windowSizeMs must be positive");
        require(decayFactor >= 0 && decayFactor < 1, "decayFactor must be in [0, 1)");
        require(
                priorMean >= RatingEvent.MIN_RATING && priorMean <= RatingEvent.MAX_RATING,
                "priorMean must be in [0, 5]");
        require(priorWeight >= 0 && Double.isFinite(priorWeight), "priorWeight must be finite and >= 0");
        require(burstFactor > 0 && Double.isFinite(burstFactor), "burstFactor must be finite and > 0");
        require(burstFloor > 0 && Double.isFinite(burstFloor), "burstFloor must be finite and > 0");
        require(baselineSmoothing > 0 && baselineSmoothing <= 1, "baselineSmoothing must be in (0, 1]");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
