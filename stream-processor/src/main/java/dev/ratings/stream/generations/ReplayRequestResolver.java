package dev.ratings.stream.generations;

import dev.ratings.stream.RatingsProperties;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns a replay's {@code --set ratings.x=y} overrides into score settings: the service's configured
 * values with the overrides on top, bound and validated exactly like the service's own properties.
 * Without overrides a replay returns to the configured values.
 */
public final class ReplayRequestResolver {

    static final Set<String> SETTABLE = new TreeSet<>(List.of(
            "ratings.algorithm",
            "ratings.window.size",
            "ratings.window.grace",
            "ratings.decay.factor",
            "ratings.prior.mean",
            "ratings.prior.weight",
            "ratings.burst.factor",
            "ratings.burst.floor",
            "ratings.baseline.smoothing",
            "ratings.trust.floor",
            "ratings.trust.age-windows",
            "ratings.trust.posts",
            "ratings.probation.share",
            "ratings.probation.floor"));

    private final ConfigurableEnvironment environment;

    public ReplayRequestResolver(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /** @throws IllegalArgumentException naming the setting that is unknown or invalid */
    public RatingsProperties resolve(Map<String, String> overrides) {
        for (String key : overrides.keySet()) {
            if (!SETTABLE.contains(key)) {
                throw new IllegalArgumentException(key + ": not a score setting; settable are " + SETTABLE);
            }
        }
        List<ConfigurationPropertySource> sources = new java.util.ArrayList<>();
        sources.add(new MapConfigurationPropertySource(overrides));
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        RatingsProperties properties;
        try {
            properties = new Binder(sources).bindOrCreate("ratings", RatingsProperties.class);
            properties.scoreParameters();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid settings " + overrides + ": " + rootMessage(e), e);
        }
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
