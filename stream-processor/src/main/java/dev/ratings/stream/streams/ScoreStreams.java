package dev.ratings.stream.streams;

import dev.ratings.stream.windows.RatingsTopology;
import dev.ratings.stream.windows.ScorePublication;
import dev.ratings.stream.windows.StreamTimeObserver;
import dev.ratings.stream.windows.TopologySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running computation of the scores: the topology of one generation in its own Kafka Streams app. */
public final class ScoreStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScoreStreams.class);

    private final TopologySettings settings;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final String applicationId;
    private final ScorePublication publication;
    private final MicrometerWindowMetrics metrics;

    public ScoreStreams(
            TopologySettings settings,
            Properties config,
            MicrometerWindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication,
            MeterRegistry registry) {
        this.settings = settings;
        this.applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Topology topology = RatingsTopology.build(settings, metrics, observer, publication);
        this.publication = publication;
        this.metrics = metrics;
        log.info(
                "Generation {} ({}) with {}:\n{}",
                settings.generation(),
                applicationId,
                settings.parameters(),
                topology.describe());
        this.streams = new KafkaStreams(topology, config);
        Counter threadFailures = Counter.builder("ratings.streams.thread.failures")
                .description("Stream threads that died of an exception (replaced up to 3 times in 5 minutes)")
                .tag("generation", Long.toString(settings.generation()))
                .register(registry);
        this.streams.setUncaughtExceptionHandler(
                new BoundedThreadReplacement(3, Duration.ofMinutes(5), threadFailures::increment));
        this.streamsMetrics =
                new KafkaStreamsMetrics(streams, List.of(Tag.of("generation", Long.toString(settings.generation()))));
        this.streamsMetrics.bindTo(registry);
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public long generation() {
        return settings.generation();
    }

    public String applicationId() {
        return applicationId;
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** Rating events read since this instance started it. */
    public long ratingsRead() {
        return metrics.ratingsRead();
    }

    /** Window results emitted since this instance started it. */
    public long windowsClosed() {
        return metrics.windowsClosed();
    }

    public ScorePublication publication() {
        return publication;
    }

    @Override
    public void close() {
        streamsMetrics.close();
        streams.close(Duration.ofSeconds(30));
    }

    /**
     * Closes and leaves the consumer group at once. A plain close stays a member until the session
     * times out (so that a restarting instance gets its tasks back without a rebalance), which
     * would hold up deleting the group of a retired generation that long.
     */
    public void closeLeavingGroup() {
        streamsMetrics.close();
        streams.close(
                new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }

    /** Closes, leaves the group and deletes the local state: for a generation that is gone for good. */
    public void closeAndDeleteState() {
        closeLeavingGroup();
        streams.cleanUp();
    }
}
