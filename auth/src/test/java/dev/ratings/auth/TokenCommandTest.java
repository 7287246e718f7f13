package dev.ratings.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** {@code ./ratings token}'s minting, decoded by the services' own decoder. */
class TokenCommandTest {

    static final String SECRET = Hs256JwtDecoderTest.SECRET;
    static final Instant NOW = Hs256JwtDecoderTest.NOW;

    @Test
    void mintsOneTokenPerUserForTheDefaultDay() {
        List<String> tokens =
                TokenCommand.tokens(new String[] {"alice", "bob"}, Map.of("RATINGS_AUTH_JWTSECRET", SECRET), NOW);

        assertThat(tokens).hasSize(2);
        Jwt bob = decode(tokens.get(1), null, null);
        assertThat(bob.getSubject()).isEqualTo("bob");
        assertThat(bob.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(bob.hasClaim("scope")).isFalse();
    }

    @Test
    void adminTokensCarryTheAdminScope() {
        String token = TokenCommand.tokens(
                        new String[] {"--admin", "ops"}, Map.of("RATINGS_AUTH_JWTSECRET", SECRET), NOW)
                .get(0);

        assertThat(decode(token, null, null).getClaimAsString("scope")).isEqualTo(TokenClaims.ADMIN_SCOPE);
    }

    @Test
    void theTtlIsCappedAtTheConfiguredMaximumLifetime() {
        Map<String, String> env = Map.of("RATINGS_AUTH_JWTSECRET", SECRET, "RATINGS_AUTH_MAXTOKENLIFETIME", "2h");

        String token = TokenCommand.tokens(new String[] {"--ttl", "7d", "alice"}, env, NOW)
                .get(0);

        assertThat(decode(token, null, null).getExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void issuerAndAudienceComeFromTheServicesSettings() {
        Map<String, String> env = Map.of(
                "RATINGS_AUTH_JWTSECRET", SECRET, "RATINGS_AUTH_ISSUER", "ratings", "RATINGS_AUTH_AUDIENCE", "api");

        String token = TokenCommand.tokens(new String[] {"--ttl", "30m", "alice"}, env, NOW)
                .get(0);

        Jwt jwt = decode(token, "ratings", "api");
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void withoutASecretNothingIsMinted() {
        assertThatThrownBy(() -> TokenCommand.tokens(new String[] {"alice"}, Map.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RATINGS_AUTH_JWTSECRET");
    }

    @Test
    void durationsReadLikeSpringsOrAsSecondsForTheTtl() {
        assertThat(TokenCommand.duration("90", ChronoUnit.SECONDS, "ttl")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.duration("86400000", ChronoUnit.MILLIS, "max")).isEqualTo(Duration.ofHours(24));
        assertThat(TokenCommand.duration("7d", ChronoUnit.SECONDS, "ttl")).isEqualTo(Duration.ofDays(7));
        assertThat(TokenCommand.duration("PT30M", ChronoUnit.SECONDS, "ttl")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> TokenCommand.duration("soon", ChronoUnit.SECONDS, "ttl"))
                .hasMessageContaining("ttl must be like");
        assertThatThrownBy(() -> TokenCommand.duration("0", ChronoUnit.SECONDS, "ttl"))
                .hasMessageContaining("positive");
    }

    private static Jwt decode(String token, String issuer, String audience) {
        return Hs256JwtDecoder.create(
                        new AuthSettings(SECRET, Duration.ofHours(24), issuer, audience, null),
                        Clock.fixed(NOW, ZoneOffset.UTC))
                .decode(token);
    }
}
