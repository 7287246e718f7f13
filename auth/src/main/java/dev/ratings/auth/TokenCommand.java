package dev.ratings.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./ratings token} runs (through {@code tools.jar token}); on its own {@code java -cp auth.jar dev.ratings.auth.TokenCommand [--admin] [--ttl
 * <duration>] <user>...} prints one token per user. Everything else comes from the environment the
 * services read too: the secret ({@code RATINGS_AUTH_JWTSECRET}, never an argument, which every user
 * of the machine can see), {@code RATINGS_AUTH_ISSUER} and {@code RATINGS_AUTH_AUDIENCE} when set, and
 * {@code RATINGS_AUTH_MAXTOKENLIFETIME} (default 24 h), which caps the ttl as the services do.
 */
public final class TokenCommand {

    static final Duration DEFAULT_TTL = Duration.ofHours(24);
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private TokenCommand() {}

    public static void main(String[] args) {
        try {
            for (String token : tokens(args, System.getenv(), Instant.now())) {
                System.out.println(token);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** One token per user named in the arguments, with the settings of {@code env}: what {@code tools.jar token} and its other commands use. */
    public static List<String> tokens(String[] args, Map<String, String> env, Instant now) {
        boolean admin = false;
        Duration ttl = DEFAULT_TTL;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--admin" -> admin = true;
                case "--ttl" -> {
                    if (++i == args.length) {
                        throw new IllegalArgumentException("--ttl needs a duration");
                    }
                    ttl = duration(args[i], ChronoUnit.SECONDS, "ttl");
                }
                default -> users.add(args[i]);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("usage: TokenCommand [--admin] [--ttl <duration>] <user>...");
        }
        String maxText = env.get("RATINGS_AUTH_MAXTOKENLIFETIME");
        // like Spring's Duration binding: a number without a unit is milliseconds
        Duration max = maxText == null || maxText.isBlank()
                ? TokenClaims.DEFAULT_MAX_LIFETIME
                : duration(maxText, ChronoUnit.MILLIS, "RATINGS_AUTH_MAXTOKENLIFETIME");
        if (ttl.compareTo(max) > 0) {
            System.err.println("note: ttl " + ttl + " capped at the services' maximum token lifetime " + max);
            ttl = max;
        }
        TokenMinter minter = new TokenMinter(env.get("RATINGS_AUTH_JWTSECRET"));
        List<String> tokens = new ArrayList<>();
        for (String user : users) {
            TokenClaims claims = TokenClaims.of(user, now, ttl);
            if (admin) {
                claims = claims.withScope(TokenClaims.ADMIN_SCOPE);
            }
            if (present(env.get("RATINGS_AUTH_ISSUER"))) {
                claims = claims.withIssuer(env.get("RATINGS_AUTH_ISSUER"));
            }
            if (present(env.get("RATINGS_AUTH_AUDIENCE"))) {
                claims = claims.withAudience(env.get("RATINGS_AUTH_AUDIENCE"));
            }
            tokens.add(minter.mint(claims));
        }
        return tokens;
    }

    /** ISO-8601 ({@code PT30M}) or a number with an optional unit ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}). */
    static Duration duration(String text, ChronoUnit unitless, String what) {
        String trimmed = text.trim();
        Duration duration;
        Matcher simple = SIMPLE.matcher(trimmed);
        if (simple.matches()) {
            ChronoUnit unit = switch (simple.group(2) == null ? "" : simple.group(2)) {
                case "ms" -> ChronoUnit.MILLIS;
                case "s" -> ChronoUnit.SECONDS;
                case "m" -> ChronoUnit.MINUTES;
                case "h" -> ChronoUnit.HOURS;
                case "d" -> ChronoUnit.DAYS;
                default -> unitless;
            };
            duration = Duration.of(Long.parseLong(simple.group(1)), unit);
        } else {
            try {
                duration = Duration.parse(trimmed);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        what + " must be like 90s, 30m, 24h, 7d or PT30M, got '" + text + "'");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got '" + text + "'");
        }
        return duration;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
