/**
 * Demo sign-in for the web page, in development only ({@code ratings.dev.sign-in=true}, which
 * {@code ./ratings up} sets): a token for any user name, minted with the server's own secret by the
 * {@code auth} module's {@link dev.ratings.auth.TokenMinter}. Off by default, and then the minting
 * endpoint does not exist at all; {@code GET /api/dev} tells the page which mode it is in.
 */
package dev.ratings.ingest.signin;
