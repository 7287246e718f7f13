package dev.ratings.auth;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The app port of a service that serves operators only (the stream processor's replay API and
 * generations listing, the sink's generations listing): {@code /admin/**} with an admin token,
 * everything else denied (401 without a token, 403 with one). Health and metrics are on the
 * management port ({@link ServiceSecurity}). The service imports it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ServiceSecurity.class)
public class OperatorsOnlySecurity {

    @Bean
    SecurityFilterChain admin(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        return ServiceSecurity.bearerTokens(http, jwtDecoder)
                .authorizeHttpRequests(requests ->
                        ServiceSecurity.adminOnly(requests).anyRequest().denyAll())
                .build();
    }
}
