/**
 * The sink: writes the window results of {@code post-rating-windows} to PostgreSQL in batches,
 * for the generations that may be written ({@code windows}), applies {@code score-generations} and promotes replays
 * ({@code generations}), declares the topics and reports listener health ({@code kafka}). This
 * package holds the application, whose app port serves operators only (auth's {@code
 * OperatorsOnlySecurity}), and its settings ({@code ratings.sink.*}).
 */
package dev.ratings.sink;
