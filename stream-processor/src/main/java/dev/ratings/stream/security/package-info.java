/**
 * The stream processor's app port serves operators only ({@code /admin/**}: the replay API and the
 * generations listing, with an admin token); health and metrics are on the management port.
 */
package dev.ratings.stream.security;
