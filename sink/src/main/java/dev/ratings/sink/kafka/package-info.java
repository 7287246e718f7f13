/**
 * The sink's Kafka plumbing apart from its listeners: the topics it declares like every service, the
 * recoverer that sends unreadable records to dead-letter topics and counts them, and the health of
 * the listener containers.
 */
package dev.ratings.sink.kafka;
