package dev.ratings.ingest.page;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The page's assets under {@code /ui/} (Boot's default static mappings stay off: any other unknown
 * path is a 404 problem), and its Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

    /**
     * Scripts, styles, images and requests from this origin only, no plugins, no framing: an injected
     * post title can neither run code nor send a token elsewhere. Only on the page, not on Swagger UI,
     * whose inline styles and data: images it would break.
     */
    static final String POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';" + " frame-ancestors 'none'";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/static/");
    }

    @Bean
    FilterRegistrationBean<Filter> pageSecurityPolicy() {
        Filter policy = (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader("Content-Security-Policy", POLICY);
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(policy);
        registration.addUrlPatterns("/", "/ui/*");
        return registration;
    }
}
