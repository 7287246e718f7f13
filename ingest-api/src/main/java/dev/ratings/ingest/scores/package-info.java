/**
 * How a score is shown: the latest window's result decayed to the moment of the response.
 */
package dev.ratings.ingest.scores;
