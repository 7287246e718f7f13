package dev.ratings.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ratings.auth.*}: how every service checks bearer tokens.
 *
 * @param jwtSecret the HS256 key (env {@code RATINGS_AUTH_JWTSECRET}); required, at least 32 bytes,
 *     never the once-published development value ({@link JwtSecret})
 * @param maxTokenLifetime the longest lifetime a token may have ({@code exp − iat}, and {@code exp −
 *     now}); default 24 h
 * @param issuer when set, tokens must carry this {@code iss}
 * @param audience when set, tokens' {@code aud} must contain it
 * @param tokenCacheSize how many verified tokens are kept, so that a client's next request with the
 *     same token skips parsing and the signature check (its claims are checked again); 0 turns the
 *     cache off; default 10,000
 */
@ConfigurationProperties("ratings.auth")
public record AuthSettings(
        String jwtSecret,
        Duration maxTokenLifetime,
        @Nullable String issuer,
        @Nullable String audience,
        @Nullable Integer tokenCacheSize) {

    /** About 8 MB of heap at the most: a kept token, its string included, takes about 750 bytes. */
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;

    public AuthSettings {
        JwtSecret.checked(jwtSecret);
        if (maxTokenLifetime == null) {
            maxTokenLifetime = TokenClaims.DEFAULT_MAX_LIFETIME;
        }
        if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
            throw new IllegalArgumentException(
                    "ratings.auth.max-token-lifetime must be positive, got " + maxTokenLifetime);
        }
        if (tokenCacheSize == null) {
            tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
        }
        if (tokenCacheSize < 0) {
            throw new IllegalArgumentException(
                    "ratings.auth.token-cache-size must be 0 (off) or more, got " + tokenCacheSize);
        }
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "AuthSettings[jwtSecret=(hidden), maxTokenLifetime=" + maxTokenLifetime + ", issuer=" + issuer
                + ", audience=" + audience + ", tokenCacheSize=" + tokenCacheSize + "]";
    }
}
