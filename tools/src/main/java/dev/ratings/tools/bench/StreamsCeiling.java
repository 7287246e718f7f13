package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What Kafka Streams itself reaches on {@code ratings} with the stream processor's guarantees
 * (exactly_once_v2, lz4, same commit interval and record cache, one thread), doing the least a
 * topology can do, so the bench can say how much of the gap to the raw consumer is the framework:
 *
 * <ul>
 *   <li>{@code pass-through}: every record copied to one output topic inside the transaction;
 *   <li>{@code one-store}: every record written once to a persistent RocksDB store with a changelog,
 *       under its own key (like a rater's latest rating of a window), nothing forwarded.
 * </ul>
 *
 * <p>Runs until stopped; the bench times its consumer group ({@code application-id}).
 */
final class StreamsCeiling {

    private static final String STORE = "bench-ceiling-store";

    private StreamsCeiling() {}

    static void run(Args options) throws Exception {
        String mode = options.text("mode");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, options.text("application-id"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.text("bootstrap"));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.number("commit-interval-ms"));
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, options.number("cache-max-bytes"));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        config.put(StreamsConfig.STATE_DIR_CONFIG, options.text("state-dir"));
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");

        String topic = options.text("topic");
        if (mode.equals("pass-through")) {
            createOutput(options.text("bootstrap"), topic);
        }
        KafkaStreams streams = new KafkaStreams(topology(mode, topic), config);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
        stopped.await();
    }

    /** The copy topic, with as many partitions as the input (a sink does not create its topic). */
    private static void createOutput(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
            admin.createTopics(
                            List.of(new NewTopic(topic + "-pass-through", Optional.of(partitions), Optional.empty())))
                    .all()
                    .get();
        }
    }

    private static Topology topology(String mode, String topic) {
        Topology topology = new Topology();
        topology.addSource(
                "source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), topic);
        switch (mode) {
            case "pass-through" ->
                topology.addSink(
                        "sink",
                        topic + "-pass-through",
                        Serdes.ByteArray().serializer(),
                        Serdes.ByteArray().serializer(),
                        "source");
            case "one-store" -> {
                topology.addProcessor("write", OneWrite::new, "source");
                topology.addStateStore(
                        Stores.keyValueStoreBuilder(
                                        Stores.persistentKeyValueStore(STORE), Serdes.ByteArray(), Serdes.ByteArray())
                                .withCachingEnabled(),
                        "write");
            }
            default -> throw new IllegalArgumentException("--mode pass-through|one-store, not " + mode);
        }
        return topology;
    }

    /** One store write per record, under the record's value (unique: each event has its own id). */
    private static final class OneWrite implements Processor<byte[], byte[], Void, Void> {
        private KeyValueStore<byte[], byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            store.put(record.value(), record.key());
        }
    }
}
