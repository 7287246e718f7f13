package dev.ratings.stream.streams;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/** Starts the Kafka Streams app of a generation with its own parameters, state and metrics. */
public final class ScoreStreamsFactory {

    private final StreamsConfigFactory configs;
    private final PartitionClocks clocks;
    private final MeterRegistry registry;
    private final IntSupplier ratingsPartitions;

    /** @param ratingsPartitions how many partitions {@code ratings} has, asked when a generation starts */
    public ScoreStreamsFactory(
            StreamsConfigFactory configs,
            PartitionClocks clocks,
            MeterRegistry registry,
            IntSupplier ratingsPartitions) {
        this.configs = configs;
        this.clocks = clocks;
        this.registry = registry;
        this.ratingsPartitions = ratingsPartitions;
    }

    public String applicationId(long generation) {
        return configs.applicationId(generation);
    }

    public ScoreStreams start(GenerationEvent generation, ScorePublication publication) {
        TopologySettings settings = new TopologySettings(
                generation.parameters(),
                Duration.ofMillis(generation.graceMs()),
                generation.generation(),
                ratingsPartitions.getAsInt());
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
