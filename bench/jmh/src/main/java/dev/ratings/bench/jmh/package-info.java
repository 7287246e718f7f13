/**
 * JMH micro-benchmarks of the hot code paths on their own: the score arithmetic per rating and per
 * window, and the contract's JSON serde per rating event and per window result.
 */
package dev.ratings.bench.jmh;
