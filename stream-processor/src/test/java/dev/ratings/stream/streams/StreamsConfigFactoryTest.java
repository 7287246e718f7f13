package dev.ratings.stream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.stream.RatingsProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** How each generation's Kafka Streams application is configured from the service's settings. */
class StreamsConfigFactoryTest {

    @Test
    void stateLivesUnderTheWorkingDirectoryByDefaultNeverUnderTmp() {
        Properties config = configFor(Map.of());

        Path stateDir = Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        assertThat(stateDir).isEqualTo(Path.of(".ratings", "streams").toAbsolutePath());
        assertThat(stateDir.startsWith(Path.of(System.getProperty("java.io.tmpdir"))))
                .isFalse();
    }

    @Test
    void standbyReplicasReplicationAndSessionTimeoutComeFromTheSettings() {
        Properties defaults = configFor(Map.of());
        Properties configured = configFor(Map.of(
                "ratings.streams.standby-replicas", "1",
                "ratings.kafka.replication-factor", "3",
                "ratings.streams.session-timeout", "PT15S"));

        assertThat(defaults.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(0);
        assertThat(defaults.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
        assertThat(configured.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(configured.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(configured.get(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)))
                .isEqualTo(15_000);
    }

    @Test
    void everyStoreSharesOneBoundedRocksDbMemoryOfTheConfiguredSize() {
        Properties config = configFor(
                Map.of("ratings.streams.rocksdb.memory", "64MB", "ratings.streams.rocksdb.write-buffer-ratio", "0.5"));

        assertThat(config.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
        assertThat(config.get(BoundedRocksDbMemory.MEMORY_BYTES)).isEqualTo(64L * 1024 * 1024);
        assertThat(config.get(BoundedRocksDbMemory.WRITE_BUFFER_RATIO)).isEqualTo(0.5);
    }

    @Test
    void aClosingInstanceLeavesItsGenerationsGroupAtOnce() {
        assertThat(configFor(Map.of()).get(StreamsConfig.mainConsumerPrefix("internal.leave.group.on.close")))
                .isEqualTo(true);
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> configFor(Map.of("ratings.streams.standby-replicas", "-1")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> configFor(Map.of("ratings.streams.rocksdb.write-buffer-ratio", "1")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void applicationIdsNameTheirGeneration() {
        StreamsConfigFactory factory = factoryFor(Map.of());

        assertThat(factory.applicationId(12)).isEqualTo("ratings-scores-g12");
        assertThat(factory.isApplicationId("ratings-scores-g12")).isTrue();
        assertThat(factory.isApplicationId("ratings-scores-g")).isFalse();
        assertThat(factory.isApplicationId("other-app-g1")).isFalse();
        assertThat(factory.isApplicationId("ratings-scores-g1-changelog")).isFalse();
    }

    @Test
    void aGenerationAReplayStartsCommitsAtItsOwnIntervalWithATransactionTimeoutAboveTwoOfThem() {
        StreamsConfigFactory factory = factoryFor(
                Map.of("ratings.streams.commit-interval", "PT2S", "ratings.streams.replay-commit-interval", "PT45S"));

        Properties live = factory.forGeneration(1);
        Properties replay = factory.forGeneration(2, true);

        assertThat(live.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(2_000L);
        assertThat(replay.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(45_000L);
        String timeout = StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        assertThat(live.get(timeout)).isEqualTo(60_000);
        assertThat(replay.get(timeout)).isEqualTo(90_000);
        assertThat(factory.forGeneration(3, false).get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(2_000L);
    }

    private static Properties configFor(Map<String, String> settings) {
        return factoryFor(settings).forGeneration(1);
    }

    private static StreamsConfigFactory factoryFor(Map<String, String> settings) {
        RatingsProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ratings", RatingsProperties.class);
        KafkaProperties kafka = new KafkaProperties();
        return new StreamsConfigFactory(
                kafka, properties.streams(), properties.kafka().replicationFactor());
    }
}
