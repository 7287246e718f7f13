package dev.ratings.contract;

/**
 * The extra parameters of {@code decay-v2}: how a rater's history in earlier windows makes their
 * ratings trusted, and how much raters on probation may weigh together. In flat JSON and SQL they
 * are {@code trustFloor}, {@code trustAgeWindows}, {@code trustPosts}, {@code probationShare} and
 * {@code probationFloor}.
 *
 * @param floor τ₀ in (0, 1]: the trust of a rater without any history
 * @param ageWindows A ≥ 0: windows since a rater's first rating anywhere to be trusted
 * @param posts D ≥ 0: distinct other posts a rater must have rated to be trusted
 * @param probationShare σ in (0, 1]: raters on probation weigh at most σ × the trusted weight
 * @param probationFloor f_E &gt; 0: the trusted weight assumed for that bound when there is less
 */
public record TrustParameters(double floor, long ageWindows, long posts, double probationShare, double probationFloor) {

    /** SPEC's defaults: a week of five-minute windows and five other posts make a rater trusted. */
    public static final TrustParameters DEFAULTS = new TrustParameters(0.05, 2016, 5, 0.1, 10);

    public TrustParameters {
        require(floor > 0 && floor <= 1, "trustFloor must be in (0, 1], was " + floor);
        require(ageWindows >= 0, "trustAgeWindows must be >= 0, was " + ageWindows);
        require(posts >= 0, "trustPosts must be >= 0, was " + posts);
        require(probationShare > 0 && probationShare <= 1, "probationShare must be in (0, 1], was " + probationShare);
        require(
                probationFloor > 0 && Double.isFinite(probationFloor),
                "probationFloor must be finite and > 0, was " + probationFloor);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
