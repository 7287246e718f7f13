package dev.ratings.stream.streams;

import dev.ratings.contract.ScoreApplications;
import dev.ratings.stream.RatingsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** Kafka Streams configuration of one generation. */
public final class StreamsConfigFactory {

    private static final Duration MIN_TRANSACTION_TIMEOUT = Duration.ofMinutes(1);
    private static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private final KafkaProperties kafka;
    private final RatingsProperties.Streams streams;
    private final short replicationFactor;

    public StreamsConfigFactory(KafkaProperties kafka, RatingsProperties.Streams streams, short replicationFactor) {
        this.kafka = kafka;
        this.streams = streams;
        this.replicationFactor = replicationFactor;
    }

    public String applicationId(long generation) {
        return ScoreApplications.applicationId(streams.applicationIdPrefix(), generation);
    }

    /** Whether a name is the application id of some generation. */
    public boolean isApplicationId(String name) {
        return ScoreApplications.generationOf(streams.applicationIdPrefix(), name)
                .isPresent();
    }

    /** Where every generation's state lives, one directory per application id. */
    public Path stateDirectory() {
        return Path.of(streams.stateDir()).toAbsolutePath();
    }

    private static Duration transactionTimeout(Duration commitInterval) {
        Duration twoCommits = commitInterval.multipliedBy(2);
        return twoCommits.compareTo(MIN_TRANSACTION_TIMEOUT) > 0 ? twoCommits : MIN_TRANSACTION_TIMEOUT;
    }

    /** A live generation's configuration (what a generation current at startup gets). */
    public Properties forGeneration(long generation) {
        return forGeneration(generation, false);
    }

    /** @param replay whether a replay started it: it reads the whole history first */
    public Properties forGeneration(long generation, boolean replay) {
        Duration commitInterval = replay ? streams.replayCommitInterval() : streams.commitInterval();
        Properties config = new Properties();
        config.putAll(kafka.buildStreamsProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(generation));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, streams.cacheMaxBytes());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        // A closing instance leaves the group at once, so its tasks move without waiting for its
        // session to time out, and a retired generation's group can be deleted as soon as every
        // instance has stopped it. Kafka Streams 4.1 turns this off, and its
        // CloseOptions.leaveGroup works only for static members (KAFKA-16514).
        config.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
        // how long a crashed instance keeps its tasks before others take them over
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int)
                streams.sessionTimeout().toMillis());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.standbyReplicas());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        config.put(BoundedRocksDbMemory.MEMORY_BYTES, streams.rocksdb().memory().toBytes());
        config.put(BoundedRocksDbMemory.WRITE_BUFFER_RATIO, streams.rocksdb().writeBufferRatio());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Closing a window of hundreds of thousands of ratings runs inside one transaction and can
        // take longer than Kafka Streams' 10 s default. The task of a killed instance moves to one
        // that writes under its own transactional id and does not fence the dead one's transaction:
        // LostInstanceFencing does, once the group has dropped the instance, so this long timeout
        // does not hold read_committed consumers back after a crash.
        config.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int)
                transactionTimeout(commitInterval).toMillis());
        return config;
    }
}
