package dev.ratings.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as a problem detail. The {@code WWW-Authenticate} header comes from Spring's bearer entry
 * point, so clients still learn the error code the standard way (RFC 6750).
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e);
        Problems.write(Problems.of(HttpStatus.UNAUTHORIZED, detail(e), request), response);
    }

    private static String detail(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException oauth) {
            String reason = oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription()
                    : oauth.getError().getErrorCode();
            return "Authorization: the bearer token was rejected: " + reason;
        }
        return "Authorization: this endpoint needs a bearer token (Authorization: Bearer <JWT>)";
    }
}
