package dev.ratings.ingest.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ratings.dev.*}: conveniences for a developer's machine, never for production.
 *
 * @param signIn {@code POST /api/dev/tokens} mints a token for any user name (env {@code
 *     RATINGS_DEV_SIGNIN}); default false
 */
@ConfigurationProperties("ratings.dev")
public record DevSettings(boolean signIn) {}
