/**
 * The benchmark's helpers that talk to Kafka, run by {@code bench/bench.sh} through {@link
 * dev.ratings.bench.tools.BenchTool}: loading ratings and window results, waiting until a group has
 * consumed a topic, truncating topics, minting tokens and measuring Kafka Streams' own ceiling.
 */
package dev.ratings.bench.tools;
