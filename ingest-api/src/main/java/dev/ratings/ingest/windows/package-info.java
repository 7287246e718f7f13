/**
 * {@code GET /api/posts/{id}/windows}: a post's closed windows of the current generation, newest
 * first, read from {@code post_rating_windows} with the contract's row mapping and shown as the
 * contract's flat window result with ISO-8601 instants.
 */
package dev.ratings.ingest.windows;
