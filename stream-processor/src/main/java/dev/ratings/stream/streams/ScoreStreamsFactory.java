package dev.ratings.stream.streams;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.stream.heartbeat.PartitionClocks;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Kafka Streams app of a generation with its own parameters, state and metrics. */
public final class ScoreStreamsFactory {

    private static final Logger log = LoggerFactory.getLogger(ScoreStreamsFactory.class);

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

    /**
     * {@code replay}: the generation is being built, so it reads the whole history first; {@code
     * onInputGap} runs when the generation skipped records it never applied (see AppliedOffsets).
     */
    public ScoreStreams start(
            GenerationEvent generation, boolean replay, ScorePublication publication, Runnable onInputGap) {
        TopologySettings settings = new TopologySettings(
                generation.parameters(),
                Duration.ofMillis(generation.graceMs()),
                generation.generation(),
                ratingsPartitions.getAsInt());
        ScoreStreams streams = new ScoreStreams(
                settings,
                configs.forGeneration(generation.generation(), replay),
                new MicrometerWindowMetrics(registry, generation.generation(), System::currentTimeMillis, onInputGap),
                clocks.observerFor(generation.generation()),
                publication,
                registry);
        streams.start();
        return streams;
    }

    /**
     * Deletes the local state of every generation but these: what an instance that was down while a
     * generation retired (or was abandoned) still keeps.
     */
    public void removeLocalStateExcept(Collection<Long> generations) {
        Set<String> keep = generations.stream().map(this::applicationId).collect(Collectors.toSet());
        Path root = configs.stateDirectory();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory)
                    .filter(dir -> configs.isApplicationId(dir.getFileName().toString()))
                    .filter(dir -> !keep.contains(dir.getFileName().toString()))
                    .forEach(ScoreStreamsFactory::deleteQuietly);
        } catch (IOException e) {
            log.warn("Could not list {} to remove the state of retired generations", root, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            log.info("Deleted the local state of {}, a generation no longer running", dir.getFileName());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    /** Stops a generation for good: its state, heartbeat needs and metrics go with it. */
    public void retire(ScoreStreams streams) {
        streams.closeAndDeleteState();
        clocks.forget(streams.generation());
    }
}
