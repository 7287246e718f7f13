package dev.ratings.tools.bench;

import dev.ratings.auth.TokenClaims;
import dev.ratings.auth.TokenMinter;
import dev.ratings.tools.Args;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes one token per line for users {@code u000001…}, minted like {@code ./ratings token} with
 * the secret in {@code RATINGS_AUTH_JWTSECRET} (the environment, not an argument that every user of
 * the machine can see): the wrk script picks a random line per request, so each request is a random
 * user.
 */
final class Tokens {

    private Tokens() {}

    static void run(Args options) throws Exception {
        int users = Math.toIntExact(options.number("users"));
        Path out = Path.of(options.text("out"));
        Duration ttl = Duration.ofSeconds(options.number("ttl-seconds", 86_400));
        TokenMinter minter = new TokenMinter(System.getenv("RATINGS_AUTH_JWTSECRET"));
        Instant now = Instant.now();
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (int i = 1; i <= users; i++) {
                writer.write(minter.mint(TokenClaims.of(userId(i), now, ttl)));
                writer.newLine();
            }
        }
        System.out.println("tokens=" + users);
    }

    static String userId(int i) {
        return String.format("u%06d", i);
    }
}
