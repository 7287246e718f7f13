package dev.ratings.stream;

import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the stream processor's tests need of a sink: it reads the window results in the sink's
 * group, and promotes a replay as the sink does, once the stream processor reports it caught up:
 * {@code CURRENT(new)} and {@code RETIRED(old)} in one Kafka transaction.
 */
final class SinkStandIn implements AutoCloseable {

    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);

    private final String bootstrapServers;
    private final List<WindowResult> results = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    SinkStandIn(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.reader = new Thread(this::readResults, "sink-stand-in");
        reader.start();
    }

    /** Results of one generation read so far. */
    List<WindowResult> results(long generation) {
        return results.stream().filter(r -> r.generation() == generation).toList();
    }

    /**
     * Waits until the stream processor reports the replay caught up ({@code phaseOf} answers its
     * status phase), then promotes it.
     */
    void promoteWhenCaughtUp(long replay, LongFunction<String> phaseOf) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "WAITING_FOR_SINK".equals(phaseOf.apply(replay)));
        GenerationLifecycle log = readLog();
        Generation building = log.get(replay).orElseThrow();
        Generation current = log.current().orElseThrow();
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "sink-stand-in"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(GenerationRecords.record(building.startedBy().withState(GenerationState.CURRENT, now)));
            producer.send(GenerationRecords.record(current.startedBy().withState(GenerationState.RETIRED, now)));
            producer.commitTransaction();
        }
    }

    /** The generations as the log says, and how many CURRENT events each got. */
    GenerationLifecycle readLog() {
        GenerationLifecycle lifecycle = GenerationLifecycle.empty();
        events().forEach(lifecycle::apply);
        return lifecycle;
    }

    List<GenerationEvent> events() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<GenerationEvent> events = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(GenerationRecords.PARTITION));
            consumer.seekToBeginning(List.of(GenerationRecords.PARTITION));
            long end = consumer.endOffsets(List.of(GenerationRecords.PARTITION)).get(GenerationRecords.PARTITION);
            while (consumer.position(GenerationRecords.PARTITION) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(GenerationRecords.read(record.key(), record.value()));
                }
            }
        }
        return events;
    }

    /** Every committed record of {@code post-scores} of one generation. */
    List<WindowResult> scores(long generation) {
        return CommittedRecords.values(bootstrapServers, Topics.POST_SCORES, RESULTS).stream()
                .filter(result -> result.generation() == generation)
                .toList();
    }

    private void readResults() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ratings-sink",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, WindowResult> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), RESULTS)) {
            consumer.subscribe(List.of(Topics.POST_RATING_WINDOWS));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> results.add(record.value()));
                consumer.commitSync();
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
