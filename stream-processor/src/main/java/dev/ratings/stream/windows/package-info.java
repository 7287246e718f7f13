/**
 * The Kafka Streams topology, top to bottom in {@link dev.ratings.stream.windows.RatingsTopology}:
 * raw records of {@code ratings} are parsed (dead letters aside) and placed in their windows by the
 * partition's stream time (moved on by ratings and heartbeats alike); under decay-v2 a stage keyed
 * by user between two repartition topics gives each rating its trust, with watermarks telling every
 * stage when a window is complete everywhere; the decay stage buffers each window per post and user
 * in RocksDB and scores it once complete, giving one window result per closed active window on
 * {@code post-rating-windows} and, for the current generation, on {@code post-scores}.
 */
package dev.ratings.stream.windows;
