package dev.ratings.auth;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the three services share about who may call them; each imports this and builds its own
 * app-port chain with {@link #bearerTokens} and {@link #adminOnly}.
 *
 * <ul>
 *   <li>Bearer JWTs checked by {@link Hs256JwtDecoder} ({@link AuthSettings}: a service without a
 *       usable secret does not start).
 *   <li>{@code /admin/**} needs scope {@code ratings:admin}: 401 without a token, 403 with another.
 *   <li>Actuator lives on the management port (app port + 1000, 127.0.0.1 by default) and nowhere
 *       else; there it is open, since only this machine reaches it.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthSettings.class)
public class ServiceSecurity {

    /** What {@code scope: ratings:admin} becomes as a granted authority. */
    public static final String ADMIN_AUTHORITY = "SCOPE_" + TokenClaims.ADMIN_SCOPE;

    @Bean
    JwtDecoder jwtDecoder(AuthSettings settings) {
        return Hs256JwtDecoder.create(settings, Clock.systemUTC());
    }

    /**
     * Actuator's endpoints, matched only when they arrive on the management server ({@link
     * EndpointRequest} ignores the app port's context when the ports differ). Spring Boot puts this
     * filter chain in front of the management server too, so without this chain the app-port rules
     * would apply there.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain managementPort(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher(EndpointRequest.toAnyEndpoint()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * Stateless bearer-token authentication with 401/403 as problems. A token that is present but
     * invalid is refused on every path: the client should learn that its token is bad rather than be
     * served as anonymous. Error and async dispatches pass: the original request was authorized.
     */
    public static HttpSecurity bearerTokens(HttpSecurity http, JwtDecoder decoder) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        scopes.setAuthoritiesClaimName("scope"); // only the claim SPEC names, not also "scp"
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(scopes);
        return stateless(http)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()))
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                                .permitAll());
    }

    /** {@code /admin/**} for tokens with scope {@code ratings:admin} only. */
    public static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry adminOnly(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        return requests.requestMatchers("/admin/**").hasAuthority(ADMIN_AUTHORITY);
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: nothing to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
    }
}
