package dev.ratings.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class Hs256JwtDecoderTest {

    static final String SECRET = "a-secret-for-the-auth-module-tests-0123456789";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TokenMinter MINTER = new TokenMinter(SECRET);

    static JwtDecoder decoder(String issuer, String audience) {
        return Hs256JwtDecoder.create(new AuthSettings(SECRET, Duration.ofHours(24), issuer, audience, null), CLOCK);
    }

    @Test
    void aMintedTokenRoundTripsThroughTheDecoder() {
        TokenClaims claims = TokenClaims.of("alice@example.org", NOW.minusSeconds(5), Duration.ofHours(1))
                .withScope(TokenClaims.ADMIN_SCOPE)
                .withIssuer("https://issuer.example")
                .withAudience("ratings");

        Jwt jwt = decoder("https://issuer.example", "ratings").decode(MINTER.mint(claims));

        assertThat(jwt.getSubject()).isEqualTo("alice@example.org");
        assertThat(jwt.getIssuedAt()).isEqualTo(NOW.minusSeconds(5));
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.minusSeconds(5).plus(Duration.ofHours(1)));
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("ratings:admin");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("https://issuer.example");
        assertThat(jwt.getAudience()).containsExactly("ratings");
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        String token = MINTER.signed(header(), "{\"sub\":\"alice\",\"iat\":" + NOW.getEpochSecond() + "}");

        assertRefused(decoder(null, null), token, "no exp claim");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        String token =
                MINTER.mint(TokenClaims.of("alice", NOW, Duration.ofHours(24).plusSeconds(1)));

        assertRefused(decoder(null, null), token, "exceeds the maximum of PT24H");
    }

    @Test
    void aTokenOfExactlyTheMaximumLifetimeIsAccepted() {
        String token = MINTER.mint(TokenClaims.of("alice", NOW, Duration.ofHours(24)));

        assertThat(decoder(null, null).decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void aFutureIatCannotStretchTheLifetime() {
        // exp − iat is an hour, but exp is a year away
        String token = MINTER.mint(TokenClaims.of("alice", NOW.plus(Duration.ofDays(365)), Duration.ofHours(1)));

        assertRefused(decoder(null, null), token, "expires more than PT24H from now");
    }

    @Test
    void withoutIatTheLifetimeCountsFromNow() {
        long exp = NOW.plus(Duration.ofDays(2)).getEpochSecond();

        assertRefused(
                decoder(null, null),
                MINTER.signed(header(), "{\"sub\":\"alice\",\"exp\":" + exp + "}"),
                "expires more than PT24H from now");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = MINTER.mint(TokenClaims.of("alice", NOW.minus(Duration.ofHours(3)), Duration.ofHours(1)));

        assertRefused(decoder(null, null), token, "expired");
    }

    @Test
    void aConfiguredIssuerMustMatch() {
        JwtDecoder decoder = decoder("https://issuer.example", null);
        TokenClaims claims = TokenClaims.of("alice", NOW, Duration.ofHours(1));

        assertRefused(decoder, MINTER.mint(claims.withIssuer("https://other.example")), "iss");
        assertRefused(decoder, MINTER.mint(claims), "iss");
        assertThat(decoder.decode(MINTER.mint(claims.withIssuer("https://issuer.example"))))
                .isNotNull();
    }

    @Test
    void aConfiguredAudienceMustBeNamed() {
        JwtDecoder decoder = decoder(null, "ratings");
        TokenClaims claims = TokenClaims.of("alice", NOW, Duration.ofHours(1));

        assertRefused(decoder, MINTER.mint(claims.withAudience("billing")), "aud");
        assertRefused(decoder, MINTER.mint(claims), "aud");
        assertThat(decoder.decode(MINTER.mint(claims.withAudience("ratings")))).isNotNull();
    }

    @Test
    void issuerAndAudienceAreNotRequiredUnlessConfigured() {
        String token = MINTER.mint(TokenClaims.of("alice", NOW, Duration.ofHours(1))
                .withIssuer("anyone")
                .withAudience("anything"));

        assertThat(decoder(null, null).decode(token).getSubject()).isEqualTo("alice");
    }

    @Test
    void aSubjectThatIsNoUserIdIsRefused() {
        String token = MINTER.mint(TokenClaims.of("alice smith", NOW, Duration.ofHours(1)));

        assertRefused(decoder(null, null), token, "sub claim");
    }

    @Test
    void aTokenSignedWithAnotherSecretOrNoneIsRefused() {
        TokenClaims claims = TokenClaims.of("alice", NOW, Duration.ofHours(1));
        String other = new TokenMinter("another-secret-of-at-least-32-bytes-xxxxxxxx").mint(claims);
        String[] parts = MINTER.mint(claims).split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";

        assertThatThrownBy(() -> decoder(null, null).decode(other)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder(null, null).decode(none)).isInstanceOf(JwtException.class);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpiresAsAnUncachedOneDoes() {
        MovableClock clock = new MovableClock(NOW);
        JwtDecoder cached = Hs256JwtDecoder.create(settings(10), clock);
        JwtDecoder uncached = Hs256JwtDecoder.create(settings(0), clock);
        String token = MINTER.mint(TokenClaims.of("alice", NOW, Duration.ofHours(1)));
        Instant lastAccepted = NOW.plus(Duration.ofHours(1)).plus(LifetimeValidator.CLOCK_SKEW);

        assertThat(cached.decode(token).getSubject()).isEqualTo("alice");
        clock.now = lastAccepted;
        assertThat(cached.decode(token).getSubject()).isEqualTo("alice");
        assertThat(uncached.decode(token).getSubject()).isEqualTo("alice");
        clock.now = lastAccepted.plusSeconds(1);

        assertRefused(cached, token, "expired");
        assertRefused(uncached, token, "expired");
        assertThat(((CachingJwtDecoder) cached).size()).isZero();
    }

    @Test
    void aTokenIsVerifiedOnceAndItsClaimsOnEveryUse() {
        int[] verified = {0};
        JwtDecoder verifier = Hs256JwtDecoder.create(settings(0), CLOCK);
        String alice = MINTER.mint(TokenClaims.of("alice", NOW, Duration.ofHours(1)));
        CachingJwtDecoder cached = new CachingJwtDecoder(
                token -> {
                    verified[0]++;
                    return verifier.decode(token);
                },
                jwt -> jwt.getSubject().equals("alice")
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not alice", null)),
                10,
                CLOCK);

        for (int i = 0; i < 3; i++) {
            assertThat(cached.decode(alice).getSubject()).isEqualTo("alice");
        }
        assertThat(verified[0]).isOne();
    }

    @Test
    void aTokenWithAnotherSignatureIsNeverTakenFromTheCache() {
        JwtDecoder decoder = decoder(null, null);
        TokenClaims claims = TokenClaims.of("alice", NOW, Duration.ofHours(1));
        String token = MINTER.mint(claims);
        decoder.decode(token);
        String signedElsewhere = new TokenMinter("another-secret-of-at-least-32-bytes-xxxxxxxx").mint(claims);
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(signedElsewhere).startsWith(unsigned);
        assertThatThrownBy(() -> decoder.decode(signedElsewhere)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(((CachingJwtDecoder) decoder).size()).isOne();
    }

    @Test
    void aRefusedTokenIsNotKept() {
        JwtDecoder decoder = decoder(null, null);
        String expired = MINTER.mint(TokenClaims.of("alice", NOW.minus(Duration.ofHours(3)), Duration.ofHours(1)));

        assertRefused(decoder, expired, "expired");
        assertRefused(decoder, expired, "expired");
        assertThat(((CachingJwtDecoder) decoder).size()).isZero();
    }

    @Test
    void theCacheKeepsAtMostItsSizeAndZeroTurnsItOff() {
        JwtDecoder decoder = Hs256JwtDecoder.create(settings(5), CLOCK);
        for (int i = 0; i < 50; i++) {
            assertThat(decoder.decode(MINTER.mint(TokenClaims.of("user" + i, NOW, Duration.ofHours(1)))))
                    .isNotNull();
        }

        assertThat(((CachingJwtDecoder) decoder).size()).isLessThanOrEqualTo(5);
        assertThat(Hs256JwtDecoder.create(settings(0), CLOCK)).isNotInstanceOf(CachingJwtDecoder.class);
        assertThatThrownBy(() -> settings(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratings.auth.token-cache-size");
    }

    private static AuthSettings settings(int tokenCacheSize) {
        return new AuthSettings(SECRET, Duration.ofHours(24), null, null, tokenCacheSize);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String header() {
        return "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    }

    private static void assertRefused(JwtDecoder decoder, String token, String reason) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason);
    }
}
