/**
 * {@code tools.jar rebuild-cache}: asks the ingest API to refill Redis from the ratings topic and
 * waits until the rebuild is done or failed.
 */
package dev.ratings.tools.cache;
