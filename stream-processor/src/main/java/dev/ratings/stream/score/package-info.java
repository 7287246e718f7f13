/**
 * The score formulas as plain arithmetic, with no Kafka or Spring import: {@link
 * dev.ratings.stream.score.DecayV1} closes one active window of one post from the post's previous
 * result and the window's latest rating per user, and states its formula in its javadoc. The golden
 * vectors of an independent model test it on its own and through the topology.
 */
package dev.ratings.stream.score;
