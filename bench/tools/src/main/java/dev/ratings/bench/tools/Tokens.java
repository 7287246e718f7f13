package dev.ratings.bench.tools;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes one HS256 JWT per line for users {@code u000001…}, signed like {@code ./ratings token}
 * does: the wrk script picks a random line per request, so each request is a random user.
 */
final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    static void run(Options options) throws Exception {
        int users = Math.toIntExact(options.number("users"));
        Path out = Path.of(options.text("out"));
        String secret = options.text("secret");
        long ttlSeconds = options.number("ttl-seconds", 86_400);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        long now = System.currentTimeMillis() / 1000;
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (int i = 1; i <= users; i++) {
                String payload = encode(
                        String.format("{\"sub\":\"%s\",\"iat\":%d,\"exp\":%d}", userId(i), now, now + ttlSeconds));
                String signed = header + "." + payload;
                String signature = BASE64URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
                writer.write(signed + "." + signature);
                writer.newLine();
            }
        }
        System.out.println("tokens=" + users);
    }

    static String userId(int i) {
        return String.format("u%06d", i);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
