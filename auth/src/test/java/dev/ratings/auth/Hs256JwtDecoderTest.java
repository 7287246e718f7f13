package dev.ratings.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
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
        return Hs256JwtDecoder.create(new AuthSettings(SECRET, Duration.ofHours(24), issuer, audience), CLOCK);
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

    private static String header() {
        return "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    }

    private static void assertRefused(JwtDecoder decoder, String token, String reason) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason);
    }
}
