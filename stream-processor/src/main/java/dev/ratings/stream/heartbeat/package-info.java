/**
 * Heartbeats: a record written to each idle partition of {@code ratings} whose next window is due, so
 * that windows close within a heartbeat interval of their end plus grace even when nobody rates. Time
 * moves through the log, not by a wall-clock punctuator, so replays compute the same windows.
 */
package dev.ratings.stream.heartbeat;
