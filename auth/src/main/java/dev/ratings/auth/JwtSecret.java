package dev.ratings.auth;

import java.nio.charset.StandardCharsets;

/**
 * The rules for the HS256 key ({@code ratings.auth.jwt-secret}), shared by the services and {@link
 * TokenMinter}: set, at least 32 bytes (HS256's key size), and not a value that was ever published.
 */
public final class JwtSecret {

    public static final int MIN_BYTES = 32;

    /** The default once written in this repository's configuration: anyone could sign tokens with it. */
    static final String PUBLISHED_DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

    private static final String HOW = "set RATINGS_AUTH_JWTSECRET (ratings.auth.jwt-secret) to a random secret of at"
            + " least " + MIN_BYTES + " bytes; ./ratings up generates one in .ratings/secrets/jwt-secret";

    private JwtSecret() {}

    /** The secret's bytes, or an {@link IllegalArgumentException} saying what is wrong and what to do. */
    public static byte[] checked(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("ratings.auth.jwt-secret is not set: " + HOW);
        }
        if (secret.equals(PUBLISHED_DEV_SECRET)) {
            throw new IllegalArgumentException("ratings.auth.jwt-secret is the development value once published in"
                    + " the repository, with which anyone can sign tokens: " + HOW);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "ratings.auth.jwt-secret is " + bytes.length + " bytes, too short for HS256: " + HOW);
        }
        return bytes;
    }
}
