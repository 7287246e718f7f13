package dev.ratings.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JSON Web Tokens for tests, minted with nothing but the JDK. */
public final class TestTokens {

    public static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {}

    /** A token for {@code subject}, valid for an hour, signed with the dev secret. */
    public static String forUser(String subject) {
        return signed(DEV_SECRET, subject, Instant.now(), Duration.ofHours(1));
    }

    public static String signed(String secret, String subject, Instant issuedAt, Duration validFor) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + subject + "\",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":"
                + issuedAt.plus(validFor).getEpochSecond() + "}";
        return withSignature(secret, encode(header) + "." + encode(claims));
    }

    /** Signs any header and claims as given, for tests of malformed tokens. */
    public static String signedRaw(String secret, String headerJson, String claimsJson) {
        return withSignature(secret, encode(headerJson) + "." + encode(claimsJson));
    }

    private static String withSignature(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
