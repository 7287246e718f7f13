package dev.ratings.e2e.examples;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A minimal downstream consumer of the aggregated topic, as shown in the README: the latest score of
 * every post from the compacted {@code post-scores}, read with {@code read_committed} (the stream
 * processor writes in exactly-once transactions).
 *
 * <p>Run: {@code java -cp ... dev.ratings.e2e.examples.PostScoresConsumer 127.0.0.1:9092}
 */
public final class PostScoresConsumer {

    public static void main(String[] args) {
        Map<Long, WindowResult> latest = new HashMap<>();
        try (KafkaConsumer<String, WindowResult> consumer = open(args.length > 0 ? args[0] : "127.0.0.1:9092")) {
            while (true) {
                for (WindowResult result : poll(consumer, latest)) {
                    System.out.printf(
                            "post %d: score %.3f now (%.3f at %tFT%<tTZ), %d raters, generation %d%n",
                            result.postId(),
                            result.scoreAt(System.currentTimeMillis()),
                            result.state().score(),
                            result.window().end(),
                            result.counts().ratingCount(),
                            result.generation());
                }
            }
        }
    }

    /** A consumer of post-scores from its beginning, in its own group. */
    public static KafkaConsumer<String, WindowResult> open(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "post-scores-example-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, WindowResult> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), JsonSerde.of(WindowResult.class));
        consumer.subscribe(List.of(Topics.POST_SCORES));
        return consumer;
    }

    /**
     * One poll, keeping per post the result of the newest generation and window (after a replay the
     * new generation writes every post once, so older generations are simply replaced).
     */
    public static List<WindowResult> poll(
            KafkaConsumer<String, WindowResult> consumer, Map<Long, WindowResult> latest) {
        List<WindowResult> changed = new java.util.ArrayList<>();
        for (ConsumerRecord<String, WindowResult> record : consumer.poll(Duration.ofSeconds(1))) {
            WindowResult result = record.value();
            WindowResult known = latest.get(result.postId());
            boolean newer = known == null
                    || result.generation() > known.generation()
                    || (result.generation() == known.generation()
                            && result.window().end() > known.window().end());
            if (newer) {
                latest.put(result.postId(), result);
                changed.add(result);
            }
        }
        return changed;
    }

    private PostScoresConsumer() {}
}
