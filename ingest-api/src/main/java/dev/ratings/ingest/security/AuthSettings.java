package dev.ratings.ingest.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ratings.auth.*}.
 *
 * @param jwtSecret the HS256 key raters' tokens are signed with (env {@code RATINGS_AUTH_JWTSECRET});
 *     at least 32 bytes, as HS256 requires
 */
@ConfigurationProperties("ratings.auth")
public record AuthSettings(String jwtSecret) {

    public AuthSettings {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("ratings.auth.jwt-secret must be at least 32 bytes for HS256");
        }
    }

    @Override
    public String toString() {
        return "AuthSettings[jwtSecret=(hidden)]";
    }
}
