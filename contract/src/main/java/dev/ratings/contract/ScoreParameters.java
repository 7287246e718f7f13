package dev.ratings.contract;

import java.util.Objects;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The parameters a generation computes its scores with; every window result carries the ones it was
 * computed with. In JSON they are flat fields (see {@link FlatFields#PARAMETERS}).
 *
 * @param algorithm the formula
 * @param windowSizeMs W, the tumbling window size
 * @param decayFactor δ in [0, 1): how much of the previous score survives one window
 * @param priorMean m, the score of a post nobody has rated yet
 * @param priorWeight k ≥ 0, how many ratings' worth of weight the prior mean carries
 * @param burstFactor β &gt; 0: a window counts at most like β times the post's usual volume
 * @param burstFloor f &gt; 0: the usual volume assumed for a quiet post
 * @param baselineSmoothing λ in (0, 1]: how fast the usual volume follows the real one
 * @param trust rater trust, for {@code decay-v2} only (null under {@code decay-v1})
 */
@JsonSerialize(using = FlatJson.ParametersWriter.class)
@JsonDeserialize(using = FlatJson.ParametersReader.class)
public record ScoreParameters(
        ScoreAlgorithm algorithm,
        long windowSizeMs,
        double decayFactor,
        double priorMean,
        double priorWeight,
        double burstFactor,
        double burstFloor,
        double baselineSmoothing,
        TrustParameters trust) {

    /** SPEC's defaults. */
    public static final ScoreParameters DEFAULTS =
            new ScoreParameters(ScoreAlgorithm.DECAY_V1, 300_000, 0.5, 2.5, 0, 3, 10, 0.2, null);

    /** SPEC's defaults for {@code decay-v2}. */
    public static final ScoreParameters DECAY_V2_DEFAULTS = DEFAULTS.withTrust(TrustParameters.DEFAULTS);

    public ScoreParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        require(windowSizeMs > 0, "windowSizeMs must be positive");
        require(decayFactor >= 0 && decayFactor < 1, "decayFactor must be in [0, 1)");
        require(
                priorMean >= RatingEvent.MIN_RATING && priorMean <= RatingEvent.MAX_RATING,
                "priorMean must be in [0, 5]");
        require(priorWeight >= 0 && Double.isFinite(priorWeight), "priorWeight must be finite and >= 0");
        require(burstFactor > 0 && Double.isFinite(burstFactor), "burstFactor must be finite and > 0");
        require(burstFloor > 0 && Double.isFinite(burstFloor), "burstFloor must be finite and > 0");
        require(baselineSmoothing > 0 && baselineSmoothing <= 1, "baselineSmoothing must be in (0, 1]");
        require(
                (trust != null) == (algorithm == ScoreAlgorithm.DECAY_V2),
                "trust parameters are those of decay-v2 and only of it (algorithm " + algorithm + ")");
    }

    /** The same decay with {@code decay-v2}'s rater trust, or back to {@code decay-v1} with null. */
    public ScoreParameters withTrust(TrustParameters trust) {
        return new ScoreParameters(
                trust == null ? ScoreAlgorithm.DECAY_V1 : ScoreAlgorithm.DECAY_V2,
                windowSizeMs,
                decayFactor,
                priorMean,
                priorWeight,
                burstFactor,
                burstFloor,
                baselineSmoothing,
                trust);
    }

    /**
     * Where a score {@code S} moving towards its target {@code T} stands after {@code windows} more
     * windows: {@code T + (S − T)·δ^windows}. The one place this is computed: the decay formulas carry
     * a score over silent windows and take each window's step with it, and readers show the score as
     * of now with it ({@link WindowResult#scoreAt}).
     */
    public double carryOver(double score, double target, long windows) {
        return target + (score - target) * Math.pow(decayFactor, windows);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
