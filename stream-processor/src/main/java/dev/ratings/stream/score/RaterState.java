package dev.ratings.stream.score;

/**
 * A user's current rating of a post, the weight it counts with (the burst weight of the window it
 * was given in, times its trust on probation) and whether it is in decay-v2's probation pool.
 */
public record RaterState(int rating, double weight, boolean probation) {

    /** A rating of decay-v1, or of a trusted rater. */
    public RaterState(int rating, double weight) {
        this(rating, weight, false);
    }
}
