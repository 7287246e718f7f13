package dev.ratings.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as a problem detail, for a valid token that may not do this; the {@code WWW-Authenticate}
 * header ({@code insufficient_scope}) comes from Spring's bearer handler (RFC 6750).
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearer.handle(request, response, denied);
        Problems.write(
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        "Authorization: this token may not do that (admin operations need scope "
                                + TokenClaims.ADMIN_SCOPE + ")",
                        request),
                response);
    }
}
