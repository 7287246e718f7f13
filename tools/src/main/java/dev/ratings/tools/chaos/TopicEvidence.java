package dev.ratings.tools.chaos;

import dev.ratings.contract.Heartbeat;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.tools.chaos.Evidence.WindowKey;
import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the run left in Kafka, as a downstream consumer would (read_committed, heartbeats
 * skipped), from the ends of the topics noted before the run: the rating events and the window
 * results of the run's posts.
 */
final class TopicEvidence {

    private static final List<String> TOPICS = List.of(Topics.RATINGS, Topics.POST_RATING_WINDOWS);
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private final String bootstrap;
    private final Map<TopicPartition, Long> start;

    private TopicEvidence(String bootstrap, Map<TopicPartition, Long> start) {
        this.bootstrap = bootstrap;
        this.start = start;
    }

    /** Notes where both topics end now: the run's records all come after. */
    static TopicEvidence markStart(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = TOPICS.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            return new TopicEvidence(bootstrap, Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(30))));
        }
    }

    /** The rating ids of each (user, post) of these posts, one entry per record: a repeat shows twice. */
    Map<Pair, List<UUID>> ratings(Collection<Long> posts) {
        Set<Long> ours = Set.copyOf(posts);
        JsonSerde<RatingEvent> serde = JsonSerde.of(RatingEvent.class);
        Map<Pair, List<UUID>> events = new HashMap<>();
        read(Topics.RATINGS, record -> {
            RatingEvent event = serde.deserialize(Topics.RATINGS, record.value());
            if (ours.contains(event.postId())) {
                events.computeIfAbsent(new Pair(event.userId(), event.postId()), pair -> new ArrayList<>())
                        .add(event.ratingId());
            }
        });
        return events;
    }

    Map<WindowKey, Integer> windows(Collection<Long> posts) {
        Set<Long> ours = Set.copyOf(posts);
        JsonSerde<WindowResult> serde = JsonSerde.of(WindowResult.class);
        Map<WindowKey, Integer> windows = new HashMap<>();
        read(Topics.POST_RATING_WINDOWS, record -> {
            WindowResult result = serde.deserialize(Topics.POST_RATING_WINDOWS, record.value());
            if (ours.contains(result.postId())) {
                windows.merge(
                        new WindowKey(
                                result.generation(),
                                result.postId(),
                                result.window().start()),
                        1,
                        Integer::sum);
            }
        });
        return windows;
    }

    private void read(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = start.keySet().stream()
                    .filter(partition -> partition.topic().equals(topic))
                    .toList();
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, start.get(partition)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in " + DEADLINE);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && !Heartbeat.isHeartbeat(record.headers())) {
                        readable(record, each);
                    }
                }
            }
        }
    }

    /** A record the services could not read either (it went to a dead-letter topic) is not the run's. */
    private static void readable(ConsumerRecord<byte[], byte[]> record, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try {
            each.accept(record);
        } catch (RuntimeException unreadable) {
            // not written by the ingest API or the stream processor for this run
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "chaos-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
