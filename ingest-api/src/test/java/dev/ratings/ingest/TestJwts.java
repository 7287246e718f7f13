package dev.ratings.ingest;

import dev.ratings.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Bearer tokens good and bad, for the API's tests. */
public final class TestJwts {

    public static final String SECRET = TestTokens.SECRET;

    private TestJwts() {}

    public static String valid(String subject) {
        return TestTokens.forUser(subject);
    }

    /** A token with the admin scope ({@code ratings:admin}), as /admin/** endpoints require. */
    public static String admin() {
        long now = Instant.now().getEpochSecond();
        return withClaims(
                "{\"sub\":\"ops\",\"scope\":\"ratings:admin\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
    }

    public static String expired(String subject) {
        return TestTokens.signed(SECRET, subject, Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    public static String signedWithOtherSecret(String subject) {
        return TestTokens.signed(
                "another-secret-of-at-least-32-bytes-xxxxxxxx", subject, Instant.now(), Duration.ofHours(1));
    }

    /** An unsigned token ({@code "alg":"none"}) that would otherwise be valid. */
    public static String unsigned(String subject) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims("\"" + subject + "\"")) + ".";
    }

    /** A correctly signed token with these claims, as written. */
    public static String withClaims(String claimsJson) {
        return TestTokens.signedRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claimsJson);
    }

    /** A token for {@code subject} under this JOSE header, signed with HS256 and the right secret. */
    public static String signedWithHeader(String headerJson, String subject) {
        return TestTokens.signedRaw(headerJson, claims("\"" + subject + "\""));
    }

    public static String withoutSubject() {
        return withClaims(claims(null));
    }

    public static String claims(String subjectJson) {
        long now = Instant.now().getEpochSecond();
        return "{" + (subjectJson == null ? "" : "\"sub\":" + subjectJson + ",") + "\"iat\":" + now + ",\"exp\":"
                + (now + 3600) + "}";
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
