/**
 * The event contract every service shares and nothing else: the records that travel on the topics
 * ({@link dev.ratings.contract.RatingEvent}, {@link dev.ratings.contract.WindowResult}, {@link
 * dev.ratings.contract.GenerationEvent}), their one JSON serde, the topic names and how each topic is
 * created, the JSON Schemas published for other consumers and the Flyway migrations of the tables the
 * results land in. A window result is nested in Java and flat in JSON and SQL; {@link
 * dev.ratings.contract.FlatFields} is the one list of its flat fields that both edges are derived from.
 */
package dev.ratings.contract;
