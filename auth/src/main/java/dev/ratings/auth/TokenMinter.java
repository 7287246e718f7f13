package dev.ratings.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs HS256 JSON Web Tokens the way the services verify them. The one place besides tests that
 * signs tokens: {@code ./ratings token} runs it ({@link TokenCommand}), the bench's token files and
 * the tests' helpers call it. Plain JDK, so that it runs from {@code auth.jar} alone.
 */
public final class TokenMinter {

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException for a secret the services would refuse (see {@link JwtSecret}) */
    public TokenMinter(String secret) {
        this.key = new SecretKeySpec(JwtSecret.checked(secret), "HmacSHA256");
    }

    public String mint(TokenClaims claims) {
        return signed(HEADER, claims.json());
    }

    /** Signs this header and these claims exactly as given: for tests of tokens the services must refuse. */
    public String signed(String headerJson, String claimsJson) {
        String signingInput = encode(headerJson) + "." + encode(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
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
