package dev.ratings.tools.bench;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.tools.Args;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pre-loads {@code ratings} with valid rating events, serialized by the contract's serde and keyed
 * by post id like the ingest API does. Record timestamps ({@code acceptedAt}) are spread evenly over
 * a past span, as if the ratings had arrived live at {@code count / span} per second, so the
 * stream processor closes the same windows it would have closed live. The span ends on a window
 * boundary at least {@code end-ago-ms} in the past, so every window it touches is due to close;
 * {@code windows=} says how many (post, window) results the stream processor will emit.
 */
final class RatingLoader {

    private RatingLoader() {}

    static void run(Args options) throws Exception {
        String bootstrap = options.text("bootstrap");
        long count = options.number("count");
        int posts = Math.toIntExact(options.number("posts"));
        int users = Math.toIntExact(options.number("users"));
        long spanMs = options.number("span-ms");
        long windowMs = options.number("window-ms", 300_000);
        long endMs =
                Math.floorDiv(System.currentTimeMillis() - options.number("end-ago-ms", 60_000), windowMs) * windowMs;
        long startMs = endMs - spanMs;
        Set<Long> postWindows = new HashSet<>();
        Topics.create(bootstrap, Math.toIntExact(options.number("partitions", 6)));

        JsonSerde<RatingEvent> serde = JsonSerde.of(RatingEvent.class);
        SplittableRandom random = new SplittableRandom(42);
        long started = System.nanoTime();
        Topics.Failures failures = new Topics.Failures();
        try (KafkaProducer<String, byte[]> producer = Topics.bulkProducer(bootstrap)) {
            for (long i = 0; i < count; i++) {
                long postId = 1 + random.nextInt(posts);
                String userId = Tokens.userId(1 + random.nextInt(users));
                long acceptedAt = startMs + spanMs * i / count;
                postWindows.add(Math.floorDiv(acceptedAt, windowMs) * (posts + 1L) + postId);
                RatingEvent event = new RatingEvent(
                        new UUID(random.nextLong(), random.nextLong()), postId, userId, random.nextInt(6), acceptedAt);
                String key = Long.toString(postId);
                producer.send(
                        new ProducerRecord<>(
                                dev.ratings.contract.Topics.RATINGS,
                                null,
                                acceptedAt,
                                key,
                                serde.serialize(null, event)),
                        failures);
            }
            producer.flush();
        }
        failures.check();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "loaded=%d seconds=%.1f first_ms=%d last_ms=%d windows=%d%n",
                count, seconds, startMs, startMs + spanMs * (count - 1) / count, postWindows.size());
    }
}
