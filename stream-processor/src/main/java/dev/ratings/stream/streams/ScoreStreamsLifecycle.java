package dev.ratings.stream.streams;

import dev.ratings.stream.RatingsProperties;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;

/** Starts the configured generation's Kafka Streams app with the service and closes it on shutdown. */
public final class ScoreStreamsLifecycle implements SmartLifecycle {

    private final RatingsProperties properties;
    private final StreamsConfigFactory configs;
    private final PartitionClocks clocks;
    private final MeterRegistry registry;
    private volatile ScoreStreams current;

    public ScoreStreamsLifecycle(
            RatingsProperties properties,
            StreamsConfigFactory configs,
            PartitionClocks clocks,
            MeterRegistry registry) {
        this.properties = properties;
        this.configs = configs;
        this.clocks = clocks;
        this.registry = registry;
    }

    @Override
    public void start() {
        long generation = properties.generation();
        TopologySettings settings = new TopologySettings(
                properties.scoreParameters(), properties.window().grace(), generation);
        current = new ScoreStreams(
                settings,
                configs.forGeneration(generation),
                new MicrometerWindowMetrics(registry, generation, System::currentTimeMillis),
                clocks.observerFor(generation),
                registry);
        current.start();
    }

    @Override
    public void stop() {
        ScoreStreams streams = current;
        if (streams != null) {
            streams.close();
            clocks.forget(streams.generation());
            current = null;
        }
    }

    @Override
    public boolean isRunning() {
        return current != null;
    }

    public ScoreStreams current() {
        return current;
    }
}
