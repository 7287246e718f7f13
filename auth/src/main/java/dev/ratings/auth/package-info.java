/**
 * Who may call the services, shared by all three: bearer HS256 JWTs checked by {@link
 * dev.ratings.auth.Hs256JwtDecoder} with {@link dev.ratings.auth.AuthSettings} ({@code ratings.auth.*}),
 * the admin scope for {@code /admin/**}, 401 and 403 as problem details, and {@link
 * dev.ratings.auth.TokenMinter}, the one signing implementation that tokens for people, the bench and
 * the tests come from. Each service imports {@link dev.ratings.auth.ServiceSecurity} and builds its own
 * filter chain with it.
 */
package dev.ratings.auth;
