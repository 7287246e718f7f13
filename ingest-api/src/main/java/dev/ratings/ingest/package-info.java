/**
 * The ingest API: posts, ratings and the scores the pipeline computes, over REST. One package per
 * thing a user does ({@code posts}, {@code rating}, {@code windows}, with {@code scores} for how a
 * score is shown), the framework at the edges ({@code web}, {@code security}, {@code limits}) and the
 * clients of Kafka and Redis ({@code kafka}, {@code redis}). Dependencies point one way: {@code
 * rating} and {@code windows} use {@code posts}; every feature uses the edges and the clients; nothing
 * uses a feature back.
 */
package dev.ratings.ingest;
