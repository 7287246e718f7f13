package dev.ratings.stream.score;

/**
 * The trust of one rating in decay-v2, from its rater's history in earlier windows: trusted (pool E,
 * τ = 1), or on probation (pool P) with τ in (0, 1]. Every rating of decay-v1 is trusted.
 */
public record Trust(boolean trusted, double tau) {

    public static final Trust TRUSTED = new Trust(true, 1.0);

    public Trust {
        if (!(tau > 0 && tau <= 1) || (trusted && tau != 1)) {
            throw new IllegalArgumentException("trust must be in (0, 1] and 1 when trusted, was " + tau);
        }
    }

    public static Trust probation(double tau) {
        return new Trust(false, tau);
    }
}
