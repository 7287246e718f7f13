package dev.ratings.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A service (any context importing {@link ServiceSecurity}) starts only with a usable secret. */
class AuthSettingsTest {

    private final ApplicationContextRunner service =
            new ApplicationContextRunner().withUserConfiguration(ServiceSecurity.class);

    @Test
    void withoutASecretTheServiceDoesNotStart() {
        service.run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("ratings.auth.jwt-secret is not set")
                .hasMessageContaining("RATINGS_AUTH_JWTSECRET")
                .hasMessageContaining("./ratings up"));
    }

    @Test
    void theOncePublishedDevelopmentSecretIsRefused() {
        service.withPropertyValues("ratings.auth.jwt-secret=dev-only-secret-change-me-0123456789abcdef")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("once published in the repository")
                        .hasMessageContaining("RATINGS_AUTH_JWTSECRET"));
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        service.withPropertyValues("ratings.auth.jwt-secret=0123456789abcdef0123456789abcde")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("is 31 bytes, too short for HS256"));
    }

    @Test
    void aSecretOf32BytesStartsTheServiceWithTheDefaultLifetime() {
        service.withPropertyValues("ratings.auth.jwt-secret=0123456789abcdef0123456789abcdef")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class);
                    assertThat(context.getBean(AuthSettings.class).maxTokenLifetime())
                            .isEqualTo(TokenClaims.DEFAULT_MAX_LIFETIME);
                    assertThat(context.getBean(AuthSettings.class).toString()).doesNotContain("0123456789");
                });
    }
}
