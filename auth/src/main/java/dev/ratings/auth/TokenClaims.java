package dev.ratings.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a token says: who ({@code sub}), from when and for how long ({@code iat}, {@code exp}), what
 * it may do ({@code scope}) and, when the services check them, issuer and audience.
 *
 * @param scopes empty for an ordinary user; {@link #ADMIN_SCOPE} for an operator
 * @param issuer {@code iss}, or null for none
 * @param audience {@code aud}, or null for none
 */
public record TokenClaims(
        String subject, Instant issuedAt, Duration lifetime, List<String> scopes, String issuer, String audience) {

    /** The scope that admin operations ({@code /admin/**} on every service) need. */
    public static final String ADMIN_SCOPE = "ratings:admin";

    /** The longest lifetime ({@code exp − iat}) the services accept unless configured otherwise. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    public TokenClaims {
        scopes = List.copyOf(scopes);
    }

    public static TokenClaims of(String subject, Instant issuedAt, Duration lifetime) {
        return new TokenClaims(subject, issuedAt, lifetime, List.of(), null, null);
    }

    public TokenClaims withScope(String scope) {
        List<String> more = new ArrayList<>(scopes);
        more.add(scope);
        return new TokenClaims(subject, issuedAt, lifetime, more, issuer, audience);
    }

    public TokenClaims withIssuer(String issuer) {
        return new TokenClaims(subject, issuedAt, lifetime, scopes, issuer, audience);
    }

    public TokenClaims withAudience(String audience) {
        return new TokenClaims(subject, issuedAt, lifetime, scopes, issuer, audience);
    }

    public Instant expiresAt() {
        return issuedAt.plus(lifetime);
    }

    /** The JWT claims set; {@code scope} is space-separated, as RFC 8693 and Spring Security read it. */
    String json() {
        StringBuilder json = new StringBuilder("{\"sub\":")
                .append(quoted(subject))
                .append(",\"iat\":")
                .append(issuedAt.getEpochSecond())
                .append(",\"exp\":")
                .append(expiresAt().getEpochSecond());
        if (!scopes.isEmpty()) {
            json.append(",\"scope\":").append(quoted(String.join(" ", scopes)));
        }
        if (issuer != null) {
            json.append(",\"iss\":").append(quoted(issuer));
        }
        if (audience != null) {
            json.append(",\"aud\":").append(quoted(audience));
        }
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
