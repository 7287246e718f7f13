package dev.ratings.ingest.signin;

import dev.ratings.auth.AuthSettings;
import dev.ratings.auth.TokenClaims;
import dev.ratings.auth.TokenMinter;
import dev.ratings.ingest.web.IsoInstants;
import dev.ratings.ingest.web.StrictJson;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/dev/tokens} {@code {"user": "alice"}}: an ordinary user's token (never an admin's)
 * for an hour, signed with the server's secret as {@code ./ratings token} would sign it. It exists only
 * with {@code ratings.dev.sign-in=true}; otherwise the path is a 404 like any unknown one.
 */
@Hidden // a development aid, not part of the API
@RestController
@ConditionalOnBooleanProperty("ratings.dev.sign-in")
class DemoTokenController {

    static final Duration LIFETIME = Duration.ofHours(1);
    private static final int MAX_BODY_BYTES = 1024;
    private static final Logger log = LoggerFactory.getLogger(DemoTokenController.class);

    record Issued(String user, String token, String expiresAt) {}

    private final TokenMinter minter;
    private final AuthSettings auth;
    private final Clock clock;

    DemoTokenController(AuthSettings auth, Clock clock) {
        this.minter = new TokenMinter(auth.jwtSecret());
        this.auth = auth;
        this.clock = clock;
        log.warn("Dev sign-in is on (ratings.dev.sign-in): whoever reaches this API can act as any user."
                + " Never in production.");
    }

    @PostMapping(path = "/api/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    Issued mint(HttpServletRequest request) {
        DemoUser user = DemoUser.from(StrictJson.readObject(request, MAX_BODY_BYTES));
        Duration lifetime = LIFETIME.compareTo(auth.maxTokenLifetime()) > 0 ? auth.maxTokenLifetime() : LIFETIME;
        TokenClaims claims = TokenClaims.of(user.name(), clock.instant().truncatedTo(ChronoUnit.SECONDS), lifetime);
        if (auth.issuer() != null) {
            claims = claims.withIssuer(auth.issuer());
        }
        if (auth.audience() != null) {
            claims = claims.withAudience(auth.audience());
        }
        return new Issued(
                user.name(),
                minter.mint(claims),
                IsoInstants.format(claims.expiresAt().toEpochMilli()));
    }
}
