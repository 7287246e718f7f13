/**
 * Who may do what on the ingest API: writes need a user's token, reads are open (and show the caller's
 * own rating when a token comes along), {@code /admin/**} needs an admin. The token rules are the
 * {@code auth} module's; {@link dev.ratings.ingest.security.CurrentUser} is the only way code learns
 * the caller.
 */
package dev.ratings.ingest.security;
