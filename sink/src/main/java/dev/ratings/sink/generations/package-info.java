/**
 * The sink's side of generations: {@code score-generations} applied to PostgreSQL one event per
 * transaction in log order ({@link dev.ratings.sink.generations.GenerationEventWriter}), the decision
 * that a replay has caught up and becomes current ({@link dev.ratings.sink.generations.GenerationPromoter}),
 * which generations' results may be written, and {@code GET /admin/generations} for operators.
 */
package dev.ratings.sink.generations;
