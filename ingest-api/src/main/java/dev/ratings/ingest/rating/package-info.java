/**
 * Rating a post, the whole path: {@link dev.ratings.ingest.rating.RatingController} (HTTP in and out)
 * → {@link dev.ratings.ingest.rating.RatingIntake} (the flow, returning a {@link
 * dev.ratings.ingest.rating.RatingOutcome}) → {@link dev.ratings.ingest.rating.RedisRatingAdmission}
 * (limits and Idempotency-Keys, one Redis script), {@link
 * dev.ratings.ingest.rating.KafkaRatingPublisher} (the 202 only after Kafka acknowledges) and {@link
 * dev.ratings.ingest.rating.RedisRatingCache} (each user's latest rating, which {@code posts} shows as
 * {@code myRating}). Beside it, the same cache's rebuild from the {@code ratings} topic, automatic
 * when Redis comes back empty and on request ({@code POST /admin/cache-rebuilds}). Only the
 * controllers know HTTP.
 */
package dev.ratings.ingest.rating;
