/**
 * The sink's app port serves operators only ({@code /admin/**} with an admin token); health and
 * metrics are on the management port, as {@code auth}'s ServiceSecurity sets up for every service.
 */
package dev.ratings.sink.security;
