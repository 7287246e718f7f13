/**
 * {@code tools.jar bench <tool>}: the benchmark's helpers that talk to Kafka, run by {@code
 * bench/bench.sh}: loading ratings and window results, waiting until a group has consumed a topic,
 * truncating topics, minting the load's tokens and measuring Kafka Streams' own ceiling.
 */
package dev.ratings.tools.bench;
