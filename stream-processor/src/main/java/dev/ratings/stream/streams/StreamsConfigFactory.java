package dev.ratings.stream.streams;

import dev.ratings.stream.RatingsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Kafka Streams configuration of one generation. */
public final class StreamsConfigFactory {

    private static final Duration MIN_TRANSACTION_TIMEOUT = Duration.ofMinutes(1);

    private final KafkaProperties kafka;
    private final RatingsProperties.Streams streams;

    public StreamsConfigFactory(KafkaProperties kafka, RatingsProperties.Streams streams) {
        this.kafka = kafka;
        this.streams = streams;
    }

    public String applicationId(long generation) {
        return streams.applicationIdPrefix() + "-g" + generation;
    }

    private Duration transactionTimeout() {
        Duration twoCommits = streams.commitInterval().multipliedBy(2);
        return twoCommits.compareTo(MIN_TRANSACTION_TIMEOUT) > 0 ? twoCommits : MIN_TRANSACTION_TIMEOUT;
    }

    public Properties forGeneration(long generation) {
        Properties config = new Properties();
        config.putAll(kafka.buildStreamsProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(generation));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Path.of(streams.stateDir()).toAbsolutePath().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
        config.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                streams.commitInterval().toMillis());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, streams.cacheMaxBytes());
        // Internal topics take the broker's default replication, like the declared topics.
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Closing a window of hundreds of thousands of ratings runs inside one transaction and can
        // take longer than Kafka Streams' 10 s default; a restarted task fences its predecessor at
        // once, so the longer timeout does not hold consumers back after a crash.
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int)
                transactionTimeout().toMillis());
        return config;
    }
}
