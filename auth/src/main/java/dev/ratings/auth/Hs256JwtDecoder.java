package dev.ratings.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoder every service checks bearer tokens with: HS256 with {@code ratings.auth.jwt-secret}
 * only (a token with {@code alg: none} or any other algorithm fails signature selection), not
 * expired or not yet valid (60 s skew), with an {@code exp} at most {@code max-token-lifetime} away,
 * a {@code sub} that is a valid user id, and the configured {@code iss} and {@code aud} if any. A
 * token that passed is kept by its string ({@link CachingJwtDecoder}, {@code token-cache-size}), so
 * its signature is verified once and its claims checked again on every use.
 */
public final class Hs256JwtDecoder {

    private Hs256JwtDecoder() {}

    public static JwtDecoder create(AuthSettings settings, Clock clock) {
        SecretKeySpec key = new SecretKeySpec(JwtSecret.checked(settings.jwtSecret()), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators(settings, clock));
        decoder.setJwtValidator(validator);
        if (settings.tokenCacheSize() == 0) {
            return decoder;
        }
        return new CachingJwtDecoder(decoder, validator, settings.tokenCacheSize(), clock);
    }

    static List<OAuth2TokenValidator<Jwt>> validators(AuthSettings settings, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(LifetimeValidator.CLOCK_SKEW);
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(
                List.of(timestamps, new LifetimeValidator(settings.maxTokenLifetime(), clock), new SubjectValidator()));
        if (settings.issuer() != null) {
            validators.add(new JwtIssuerValidator(settings.issuer()));
        }
        if (settings.audience() != null) {
            validators.add(new JwtAudienceValidator(settings.audience()));
        }
        return validators;
    }
}
