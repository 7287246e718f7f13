package dev.ratings.ingest.security;

import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/** The caller's user id: only ever the validated {@code sub} of their token. */
public final class CurrentUser {

    private CurrentUser() {}

    public static Optional<String> id(Jwt token) {
        return token == null ? Optional.empty() : Optional.ofNullable(token.getSubject());
    }

    /** For endpoints that security already restricts to authenticated callers. */
    public static String require(Jwt token) {
        return id(token).orElseThrow(() -> new IllegalStateException("no authenticated user on a secured endpoint"));
    }
}
