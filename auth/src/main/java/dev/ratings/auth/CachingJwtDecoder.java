package dev.ratings.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Parses a token and verifies its signature once: a client sends the same token with every request,
 * and parsing, the HMAC and converting the claims took about 9 µs of CPU and 17 KB of garbage per
 * request, a cached use 1 µs and 370 bytes (thread CPU time and allocation counter, JDK 17).
 *
 * <p>Only a token that passed every check is kept, keyed by the whole token string, signature
 * included, so a token with any other signature or claims is a different key and goes through the
 * full check. A kept token is checked against every validator again on each use, with the clock of
 * that moment: it stops working at its {@code exp} exactly as an uncached one would. The cache holds
 * at most {@code maxSize} tokens, each dropped once its {@code exp} (plus the clock skew) has passed.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier parses, verifies the signature and runs {@code validator}
     * @param validator what the verifier checks after the signature, run again on every cached use
     */
    CachingJwtDecoder(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxSize, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilUseless(jwt, clock)))
                .executor(Runnable::run) // upkeep on the caller's thread: no hand-off per request
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = verifier.decode(token); // throws unless every check passed
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(message(result.getErrors()), result.getErrors());
        }
        return jwt;
    }

    /** How many tokens are kept now (after pending evictions). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Duration untilUseless(Jwt jwt, Clock clock) {
        Instant expiresAt = jwt.getExpiresAt(); // never null: LifetimeValidator requires it
        Duration left = Duration.between(clock.instant(), expiresAt.plus(LifetimeValidator.CLOCK_SKEW));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The message the verifier gives for the same failure. */
    private static String message(Collection<OAuth2Error> errors) {
        for (OAuth2Error error : errors) {
            if (error.getDescription() != null && !error.getDescription().isEmpty()) {
                return "An error occurred while attempting to decode the Jwt: " + error.getDescription();
            }
        }
        return "Unable to validate Jwt";
    }
}
