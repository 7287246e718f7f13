/**
 * The Kafka side: topics declared at startup, the rating producer (acks=all, idempotent, timeouts
 * derived from {@code ratings.kafka.send-timeout}) and its health. Publishing itself belongs to the
 * rating path.
 */
package dev.ratings.ingest.kafka;
