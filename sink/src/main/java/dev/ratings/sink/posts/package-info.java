/**
 * Posts: {@link dev.ratings.sink.posts.PostEventListener} consumes the compacted {@code posts} topic
 * (the source of truth for posts) in batches and {@link dev.ratings.sink.posts.PostWriter} inserts
 * them into the {@code posts} table with one idempotent statement, so the table can always be
 * rebuilt from the topic.
 */
package dev.ratings.sink.posts;
