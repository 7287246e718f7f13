/**
 * Rate limits as token buckets in Redis, one round trip each: per user for creating posts, per
 * client address for reads (a filter before security), and the Lua functions the rating admission
 * script shares. They keep working when Redis is full, and fail open, counted, when it is down.
 */
package dev.ratings.ingest.limits;
