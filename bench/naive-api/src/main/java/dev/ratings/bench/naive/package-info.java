/**
 * The ingest benchmark's baselines on the ingest API's own HTTP stack: the naive design the pipeline
 * replaces (one PostgreSQL transaction per rating, {@link dev.ratings.bench.naive.NaiveRatings}) and a
 * no-op endpoint that checks a rating and does nothing with it, both answering exactly as the real
 * endpoint does.
 */
package dev.ratings.bench.naive;
