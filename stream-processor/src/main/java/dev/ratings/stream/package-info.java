/**
 * The stream processor as a Spring Boot service: its typed {@code ratings.*} settings ({@link
 * dev.ratings.stream.RatingsProperties}, which also yield the score parameters of a generation) and
 * the wiring of generations, heartbeats and the Kafka Streams apps. The logic lives in the
 * subpackages.
 */
package dev.ratings.stream;
