package dev.ratings.tools.bench;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import dev.ratings.tools.Args;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pre-loads {@code post-rating-windows} with window results of one generation: every post in turn,
 * window after window, starting at a given window, so each result is a new row for the sink and
 * moves its post's score forward, as live results do.
 */
final class WindowLoader {

    private static final ScoreParameters PARAMETERS = ScoreParameters.DEFAULTS;
    private static final long WINDOW_MS = PARAMETERS.windowSizeMs();

    private WindowLoader() {}

    static void run(Args options) throws Exception {
        String bootstrap = options.text("bootstrap");
        long count = options.number("count");
        int posts = Math.toIntExact(options.number("posts"));
        long generation = options.number("generation", 1);
        long firstWindow = Math.floorDiv(options.number("first-window-ms"), WINDOW_MS) * WINDOW_MS;
        Topics.create(bootstrap, Math.toIntExact(options.number("partitions", 6)));

        JsonSerde<WindowResult> serde = JsonSerde.of(WindowResult.class);
        SplittableRandom random = new SplittableRandom(7);
        long started = System.nanoTime();
        Topics.Failures failures = new Topics.Failures();
        try (KafkaProducer<String, byte[]> producer = Topics.bulkProducer(bootstrap)) {
            for (long i = 0; i < count; i++) {
                long postId = 1 + i % posts;
                long windowStart = firstWindow + (i / posts) * WINDOW_MS;
                WindowResult result = result(random, generation, postId, windowStart);
                // timestamped now: the broker refuses timestamps more than an hour ahead, and
                // these windows lie ahead of every real one (see run)
                producer.send(
                        new ProducerRecord<>(
                                dev.ratings.contract.Topics.POST_RATING_WINDOWS,
                                Long.toString(postId),
                                serde.serialize(null, result)),
                        failures);
            }
            producer.flush();
        }
        failures.check();
        System.out.printf("loaded=%d seconds=%.1f%n", count, (System.nanoTime() - started) / 1e9);
    }

    private static WindowResult result(SplittableRandom random, long generation, long postId, long windowStart) {
        long inWindow = 1 + random.nextInt(60);
        long count = inWindow + random.nextInt(500);
        long sum = Math.round(count * (1 + 4 * random.nextDouble()));
        double average = (double) sum / count;
        double weight = Math.min(1.0, 30.0 / inWindow);
        return WindowResult.of(
                postId,
                windowStart,
                new WindowResult.Counts(inWindow, 1 + random.nextInt((int) inWindow), count, sum, average),
                new WindowResult.State(
                        weight,
                        10 + random.nextDouble() * 20,
                        count * weight,
                        sum * weight,
                        average,
                        average + random.nextDouble() - 0.5),
                null,
                PARAMETERS,
                generation);
    }
}
