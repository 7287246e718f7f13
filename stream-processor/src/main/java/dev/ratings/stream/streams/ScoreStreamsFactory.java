package dev.ratings.stream.streams;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** Starts the Kafka Streams app of a generation with its own parameters, state and metrics. */
public final class ScoreStreamsFactory {

    private final StreamsConfigFactory configs;
    private final PartitionClocks clocks;
    private final MeterRegistry registry;

    public ScoreStreamsFactory(StreamsConfigFactory configs, PartitionClocks clocks, MeterRegistry registry) {
        this.configs = configs;
        this.clocks = clocks;
        this.registry = registry;
    }

    public String applicationId(long generation) {
        return configs.applicationId(generation);
    }

    public ScoreStreams start(GenerationEvent generation, ScorePublication publication) {
        TopologySettings settings = new TopologySettings(
                generation.parameters(), Duration.ofMillis(generation.graceMs()), generation.generation());
        ScoreStreams streams = new ScoreStreams(
                settings,
                configs.forGeneration(generation.generation()),
                new MicrometerWindowMetrics(registry, generation.generation(), System::currentTimeMillis),
                clocks.observerFor(generation.generation()),
                publication,
                registry);
        streams.start();
        return streams;
    }

    /** Stops a generation for good: its state, heartbeat needs and metrics go with it. */
    public void retire(ScoreStreams streams) {
        streams.closeAndDeleteState();
        clocks.forget(streams.generation());
    }
}
