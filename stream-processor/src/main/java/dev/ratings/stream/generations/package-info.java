/**
 * Generations of scores on the stream processor: every instance follows {@code score-generations}
 * from its start and runs the Kafka Streams application of each generation that is current or being
 * built ({@link dev.ratings.stream.generations.Generations}); the replay API ({@code /admin/replays})
 * writes requests to that log and answers from it and from the consumer groups, so any instance gives
 * the same answer. Retired applications are cleaned off the broker.
 */
package dev.ratings.stream.generations;
