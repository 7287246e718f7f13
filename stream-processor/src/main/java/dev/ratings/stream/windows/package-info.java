/**
 * The Kafka Streams topology, top to bottom in {@link dev.ratings.stream.windows.RatingsTopology}:
 * raw records of {@code ratings} are parsed (dead letters aside), buffered per window, post and user
 * in RocksDB stores, and scored when stream time (moved on by ratings and heartbeats alike) passes a
 * window's end plus grace; each closed active window gives one window result on {@code
 * post-rating-windows} and, for the current generation, on {@code post-scores}.
 */
package dev.ratings.stream.windows;
