/**
 * Posts: creating, reading and listing them from PostgreSQL, with the latest score of each and the
 * caller's own rating ({@link dev.ratings.ingest.posts.OwnRatings}, kept by {@code rating}). {@link
 * dev.ratings.ingest.posts.KnownPosts} tells other features which post ids exist without a query per
 * request. Lists never page past the newest 10,000 posts, and their total is a count at most five
 * seconds old.
 */
package dev.ratings.ingest.posts;
