package dev.ratings.testsupport;

import dev.ratings.auth.TokenClaims;
import dev.ratings.auth.TokenMinter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Bearer tokens for tests, minted by the services' own {@link TokenMinter} with the secret every
 * test configures ({@link #addSecretProperty}); nothing at run time knows this secret.
 */
public final class TestTokens {

    /** {@code ratings.auth.jwt-secret} in every test; never configured outside tests. */
    public static final String SECRET = "test-suites-only-secret-never-deployed-0123456789";

    private static final TokenMinter MINTER = new TokenMinter(SECRET);

    private TestTokens() {}

    /** A token for {@code subject}, valid for an hour. */
    public static String forUser(String subject) {
        return MINTER.mint(TokenClaims.of(subject, Instant.now(), Duration.ofHours(1)));
    }

    /** A token for {@code subject} with scope {@code ratings:admin}, valid for an hour. */
    public static String forAdmin(String subject) {
        return MINTER.mint(
                TokenClaims.of(subject, Instant.now(), Duration.ofHours(1)).withScope(TokenClaims.ADMIN_SCOPE));
    }

    public static String signed(String secret, String subject, Instant issuedAt, Duration validFor) {
        return new TokenMinter(secret).mint(TokenClaims.of(subject, issuedAt, validFor));
    }

    /** Signs any header and claims as given, for tests of tokens the services must refuse. */
    public static String signedRaw(String headerJson, String claimsJson) {
        return MINTER.signed(headerJson, claimsJson);
    }

    /**
     * Gives a Spring test the secret: pass a {@code DynamicPropertyRegistry}'s {@code add} (a plain
     * function here, so that this module needs no Spring).
     */
    public static void addSecretProperty(BiConsumer<String, Supplier<Object>> properties) {
        properties.accept("ratings.auth.jwt-secret", () -> SECRET);
    }
}
