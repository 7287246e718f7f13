/**
 * {@code tools.jar kafka-ready}: whether a Kafka broker answers, asked with an admin client rather
 * than spelled in protocol bytes, waiting in one JVM for as long as the script allows.
 */
package dev.ratings.tools.kafka;
