package dev.ratings.ingest.security;

import dev.ratings.auth.ServiceSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Raters are identified by an HS256 JWT whose {@code sub} is the user id. Writes need one; reads
 * are open and show the caller's own rating when a token comes along; {@code /admin/**} needs an
 * admin; signing in for a demo (development only) needs nothing. The token rules themselves are the {@code auth} module's, the same on every service.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ServiceSecurity.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        return ServiceSecurity.bearerTokens(http, jwtDecoder)
                .authorizeHttpRequests(requests -> ServiceSecurity.adminOnly(requests)
                        // the dev sign-in: a 404 unless ratings.dev.sign-in is on (see signin)
                        .requestMatchers(HttpMethod.POST, "/api/dev/tokens")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .build();
    }
}
