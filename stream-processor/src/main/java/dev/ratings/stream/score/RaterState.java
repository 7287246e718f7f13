package dev.ratings.stream.score;

/** A user's current rating of a post and the burst weight of the window it was given in. */
public record RaterState(int rating, double weight) {}
