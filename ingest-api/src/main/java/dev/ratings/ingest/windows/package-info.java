/**
 * A post's closed windows of the current generation, newest first, as the sink wrote them to
 * PostgreSQL.
 */
package dev.ratings.ingest.windows;
