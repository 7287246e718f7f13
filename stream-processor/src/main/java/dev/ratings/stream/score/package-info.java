/**
 * The score formulas as plain arithmetic, with no Kafka or Spring import: {@link
 * dev.ratings.stream.score.DecayV1} and {@link dev.ratings.stream.score.DecayV2} close one active
 * window of one post from the post's previous result and the window's latest rating per user (under
 * decay-v2 with its trust, from the rater's {@link dev.ratings.stream.score.RaterHistory}), and
 * state their formulas in their javadoc; the carry-over and the one-pool burst rule they share are
 * written once. The golden vectors of an independent model test them on their own and through the
 * topology.
 */
package dev.ratings.stream.score;
