/**
 * The one Redis connection of the instance: commands time out fast and are refused at once while
 * Redis is down, scripts run by SHA-1, and a failure is named (unavailable, timeout, full) for the
 * metrics of the work it skipped. Redis is a cache and a guard here, never the source of truth.
 */
package dev.ratings.ingest.redis;
