/**
 * PostgreSQL specifics the sink's statements share: array parameters that carry a whole column of a
 * batch in one binary parameter for {@code unnest(...)}; the mark a database carries while it is
 * rebuilt.
 */
package dev.ratings.sink.postgres;
