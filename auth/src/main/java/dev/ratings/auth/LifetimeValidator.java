package dev.ratings.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Every token expires, and not too late. Spring's {@code JwtTimestampValidator} checks an {@code exp}
 * that is there but lets a token without one live forever; a leaked token must stop working by
 * itself. The lifetime is bounded both from {@code iat} and from now, so a made-up future {@code iat}
 * cannot stretch it.
 */
final class LifetimeValidator implements OAuth2TokenValidator<Jwt> {

    /** The clock skew Spring's timestamp validator allows too. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration max;
    private final Clock clock;

    LifetimeValidator(Duration max, Clock clock) {
        this.max = max;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return refused("The token has no exp claim: every token must expire");
        }
        Instant issuedAt = jwt.getIssuedAt();
        if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(max) > 0) {
            return refused("The token's lifetime (exp - iat) exceeds the maximum of " + max);
        }
        if (Duration.between(clock.instant(), expiresAt).compareTo(max.plus(CLOCK_SKEW)) > 0) {
            return refused("The token expires more than " + max + " from now");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
