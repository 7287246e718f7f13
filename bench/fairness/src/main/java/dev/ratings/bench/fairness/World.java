package dev.ratings.bench.fairness;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TrustParameters;
import dev.ratings.stream.score.RaterHistory;
import java.util.SplittableRandom;

/**
 * The post's organic life and who rates it: the assumptions of the fairness table.
 *
 * <ul>
 *   <li>SPEC's default parameters: five-minute windows, δ = 0.5, β = 3, f = 10, λ = 0.2; decay-v2
 *       with τ₀ = 0.05, A = 2016 windows (7 days), D = 5 posts, σ = 0.1, f_E = 10.
 *   <li>Organic traffic: 10 ratings a window by people rating the post for the first time, 3, 4
 *       or 5 (mean 4); {@value #WARM_UP} windows of it before anything happens, so 140 raters.
 *   <li>Organic raters are 80 % established users (accounts older than A that rated D other posts:
 *       trusted) and 20 % newer ones (account age and other posts rated drawn below A and D: on
 *       probation with partial trust).
 *   <li>Attackers are fresh accounts (no history: τ = τ₀) unless a scenario says otherwise.
 * </ul>
 */
final class World {

    /** Windows of organic traffic before an attack or a shift starts. */
    static final int WARM_UP = 14;

    /** Windows simulated from the start of the attack or shift. */
    static final int HORIZON = 24;

    static final int ORGANIC_PER_WINDOW = 10;
    static final double NEWER_SHARE = 0.2;

    /** The rated post; other posts in raters' histories have other ids. */
    static final long POST = 1;

    static final ScoreParameters DECAY_V1 = ScoreParameters.DEFAULTS;
    static final ScoreParameters DECAY_V2 = ScoreParameters.DECAY_V2_DEFAULTS;
    static final TrustParameters TRUST = DECAY_V2.trust();
    static final long W = DECAY_V1.windowSizeMs();

    /** Window 0 of the simulation lies well after the histories the raters bring along. */
    private static final long FIRST_WINDOW = 10 * TRUST.ageWindows();

    private final SplittableRandom random;
    private int nextUser;

    World(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static long windowStart(int window) {
        return (FIRST_WINDOW + window) * W;
    }

    /** A rater of the organic mix: established or newer. */
    Rater organic() {
        if (random.nextDouble() >= NEWER_SHARE) {
            return established();
        }
        long age = random.nextLong(TRUST.ageWindows());
        return rater("newer", age, random.nextInt(Math.toIntExact(TRUST.posts())));
    }

    /** An account older than A that rated D other posts: trusted, under decay-v2 too. */
    Rater established() {
        return rater("established", TRUST.ageWindows() + 100, Math.toIntExact(TRUST.posts()));
    }

    /** An account without any history. */
    Rater fresh() {
        return new Rater("fresh-" + nextUser++, RaterHistory.NONE);
    }

    /** An account older than A that never rated another post. */
    Rater aged() {
        return rater("aged", TRUST.ageWindows() + 100, 0);
    }

    /** An organic rating: 3, 4 or 5, mean 4. */
    int organicRating() {
        return around(4);
    }

    /** A rating of the changed opinion: 0, 1 or 2, mean 1. */
    int changedRating() {
        return around(1);
    }

    boolean coin() {
        return random.nextBoolean();
    }

    private int around(int mean) {
        double draw = random.nextDouble();
        return draw < 0.25 ? mean - 1 : draw < 0.75 ? mean : mean + 1;
    }

    /** A rater whose account is {@code ageWindows} old and who rated {@code otherPosts} other posts then. */
    private Rater rater(String kind, long ageWindows, int otherPosts) {
        long first = (FIRST_WINDOW - ageWindows) * W;
        long[] posts = new long[otherPosts];
        long[] firstRated = new long[otherPosts];
        for (int i = 0; i < otherPosts; i++) {
            posts[i] = POST + 1 + i;
            firstRated[i] = first;
        }
        return new Rater(kind + "-" + nextUser++, new RaterHistory(first, posts, firstRated));
    }

    /** A rater and the history they bring to the simulation. */
    record Rater(String id, RaterHistory history) {}

    /** One rating event. */
    record Rating(Rater rater, int value) {}
}
