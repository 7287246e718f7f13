package dev.ratings.sink.windows;

import static dev.ratings.sink.windows.StoredRows.SCORES;
import static dev.ratings.sink.windows.StoredRows.WINDOWS;
import static dev.ratings.sink.windows.WindowResults.extreme;
import static dev.ratings.sink.windows.WindowResults.result;
import static dev.ratings.sink.windows.WindowResults.withScore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.RunningSink;
import io.micrometer.core.instrument.DistributionSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole sink: results produced to {@code post-rating-windows} on an embedded KRaft broker end
 * up in a fresh PostgreSQL database. Each test uses its own post ids and waits until the sink's
 * consumer group has no lag, which means its transaction has committed. Chunks of two results, so
 * that a batch of more is written in several, the next read while the one before is written.
 */
@TestPropertySource(properties = {"ratings.kafka.partitions=3", "ratings.sink.chunk-size=2"})
class WindowResultSinkIT extends RunningSink {

    private static final String TOPIC = Topics.POST_RATING_WINDOWS;
    private static final String DEAD_LETTERS = Topics.deadLetter(TOPIC);
    private static final String GROUP = "ratings-sink";

    private KafkaProducer<String, WindowResult> results;
    private KafkaProducer<String, byte[]> raw;

    @BeforeEach
    void connect() {
        // a long linger and an explicit flush put what one test sends into one producer batch per
        // partition, which a consumer always receives in one poll
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG,
                5_000);
        results = new KafkaProducer<>(producer, new StringSerializer(), JsonSerde.of(WindowResult.class));
        raw = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        results.close();
        raw.close();
    }

    @Test
    void producedResultsAreStoredWithEveryFieldExact() {
        List<Long> posts = newPostIds(3);
        List<WindowResult> produced = new ArrayList<>();
        for (long post : posts) {
            produced.add(result(post, 0, 1));
            produced.add(result(post, 1, 1));
        }
        produced.add(extreme(posts.get(0), 2, 1));

        produce(produced);
        awaitCaughtUp();

        List<WindowResult> expectedWindows = sortedByKey(produced);
        List<WindowResult> expectedScores =
                List.of(extreme(posts.get(0), 2, 1), result(posts.get(1), 1, 1), result(posts.get(2), 1, 1));
        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts))
                .usingRecursiveComparison()
                .isEqualTo(expectedWindows);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, posts))
                .usingRecursiveComparison()
                .isEqualTo(expectedScores);
    }

    @Test
    void redeliveredResultsLeaveTheTablesUnchanged() {
        List<Long> posts = newPostIds(4);
        List<WindowResult> produced = new ArrayList<>();
        for (long post : posts) {
            produced.add(result(post, 0, 1));
            produced.add(result(post, 1, 1));
        }
        List<RecordMetadata> sent = produce(produced);
        awaitCaughtUp();
        List<StoredRows.Row> windowsBefore = StoredRows.all(jdbc, WINDOWS);
        List<StoredRows.Row> scoresBefore = StoredRows.all(jdbc, SCORES);
        DistributionSummary batchSizes = meters.get("ratings.sink.batch.size").summary();
        double consumedBefore = batchSizes.totalAmount();

        rewind(WindowResultListener.ID, GROUP, firstOffsets(sent));
        await().atMost(PATIENCE).until(() -> batchSizes.totalAmount() >= consumedBefore + produced.size());
        awaitCaughtUp();

        assertThat(StoredRows.results(jdbc, WINDOWS))
                .isEqualTo(windowsBefore.stream().map(StoredRows.Row::result).toList());
        assertThat(StoredRows.results(jdbc, SCORES))
                .isEqualTo(scoresBefore.stream().map(StoredRows.Row::result).toList());
        // stronger still: not one row was rewritten, written_at included
        assertThat(StoredRows.all(jdbc, WINDOWS)).isEqualTo(windowsBefore);
        assertThat(StoredRows.all(jdbc, SCORES)).isEqualTo(scoresBefore);
    }

    @Test
    void resultsWrittenInTransactionsAreConsumedToTheEndOfEachPartition() {
        // as the stream processor writes them (exactly-once): each transaction ends with a commit
        // marker, which the group must get past for a replay to be promoted
        List<Long> posts = newPostIds(4);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "sink-it-" + posts.get(0));
        try (KafkaProducer<String, WindowResult> transactional =
                new KafkaProducer<>(config, new StringSerializer(), JsonSerde.of(WindowResult.class))) {
            transactional.initTransactions();
            for (long post : posts) {
                transactional.beginTransaction();
                transactional.send(new ProducerRecord<>(TOPIC, Long.toString(post), result(post, 0, 1)));
                transactional.commitTransaction();
            }
        }

        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts)).hasSize(posts.size());
    }

    @Test
    void olderWindowArrivingAfterANewerOneDoesNotOverwriteTheScore() {
        long post = newPostIds(1).get(0);
        WindowResult newer = result(post, 5, 1);
        WindowResult older = result(post, 2, 1);

        produce(List.of(newer));
        awaitCaughtUp();
        produce(List.of(older));
        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, List.of(post))).containsExactly(newer);
        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, List.of(post))).containsExactly(older, newer);
    }

    @Test
    void aBatchHoldingTheSameKeysTwiceIsWrittenAtTheFirstAttempt() {
        long post = newPostIds(1).get(0);
        WindowResult window = result(post, 3, 1);
        WindowResult newer = result(post, 4, 1);
        DistributionSummary batchSizes = meters.get("ratings.sink.batch.size").summary();
        long batchesBefore = batchSizes.count();
        double recordsBefore = batchSizes.totalAmount();

        produce(List.of(window, newer, window, newer));
        awaitCaughtUp();

        // one batch of four, consumed once: no failure made the error handler deliver it again
        assertThat(batchSizes.count()).isEqualTo(batchesBefore + 1);
        assertThat(batchSizes.totalAmount()).isEqualTo(recordsBefore + 4);
        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, List.of(post))).containsExactly(window, newer);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, List.of(post))).containsExactly(newer);
    }

    @Test
    void unreadableRecordsGoAloneToTheDeadLetterTopicAndTheRestIsWritten() throws Exception {
        List<Long> posts = newPostIds(7);
        JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);
        WindowResult first = result(posts.get(0), 0, 1);
        WindowResult second = result(posts.get(2), 0, 1);
        WindowResult third = result(posts.get(4), 0, 1);
        WindowResult fourth = result(posts.get(6), 0, 1);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] missingField = json.write(result(posts.get(3), 0, 1))
                .replaceFirst("\"windowEnd\":\\d+,", "")
                .getBytes(StandardCharsets.UTF_8);
        List<byte[]> values = new ArrayList<>();
        values.add(json.serialize(TOPIC, first));
        values.add(notJson);
        values.add(json.serialize(TOPIC, second));
        values.add(missingField);
        values.add(json.serialize(TOPIC, third));
        values.add(null); // a tombstone
        values.add(json.serialize(TOPIC, fourth));
        double deadLettersBefore = deadLetterCount();

        List<RecordMetadata> sent = produceRaw(posts, values);
        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts)).containsExactly(first, second, third, fourth);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, posts)).containsExactly(first, second, third, fourth);
        Map<String, ConsumerRecord<String, byte[]>> deadLetters = awaitDeadLetters(
                DEAD_LETTERS,
                List.of(
                        posts.get(1).toString(),
                        posts.get(3).toString(),
                        posts.get(5).toString()));
        assertDeadLetter(deadLetters.get(posts.get(1).toString()), notJson, sent.get(1), "Unrecognized token 'not'");
        assertDeadLetter(deadLetters.get(posts.get(3).toString()), missingField, sent.get(3), "windowEnd");
        assertDeadLetter(deadLetters.get(posts.get(5).toString()), null, sent.get(5), "tombstone");
        assertThat(deadLetterCount()).isEqualTo(deadLettersBefore + 3);
    }

    @Test
    void aBatchTheDatabaseRefusesIsRetriedUntilWrittenAndNeverDeadLettered() {
        List<Long> posts = newPostIds(3);
        JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);
        WindowResult before = result(posts.get(0), 0, 1);
        WindowResult after = result(posts.get(2), 0, 1);
        List<byte[]> values = new ArrayList<>();
        values.add(json.serialize(TOPIC, before));
        values.add("{}".getBytes(StandardCharsets.UTF_8));
        values.add(json.serialize(TOPIC, after));
        double failuresBefore =
                meters.get("ratings.sink.write.failures").counter().count();
        double deadLettersBefore = deadLetterCount();
        jdbc.sql("ALTER TABLE post_scores ADD CONSTRAINT refuse_all CHECK (false) NOT VALID")
                .update();
        try {
            produceRaw(posts, values);
            await().atMost(PATIENCE)
                    .until(() ->
                            meters.get("ratings.sink.write.failures").counter().count() >= failuresBefore + 2);
            assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts)).isEmpty();
        } finally {
            jdbc.sql("ALTER TABLE post_scores DROP CONSTRAINT refuse_all").update();
        }
        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts)).containsExactly(before, after);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, posts)).containsExactly(before, after);
        // only the unreadable record, and only once
        assertThat(deadLetterCount()).isEqualTo(deadLettersBefore + 1);
        awaitDeadLetters(DEAD_LETTERS, List.of(posts.get(1).toString()));
    }

    @Test
    void aBatchFailingInALaterChunkCommitsNoOffsetAndLeavesTheBatchBeforeItWritten() throws Exception {
        List<Long> posts = newPostIds(6);
        JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);
        List<WindowResult> produced =
                posts.stream().map(post -> result(post, 0, 1)).toList();
        List<byte[]> values =
                produced.stream().map(result -> json.serialize(TOPIC, result)).toList();
        produceRaw(posts.subList(0, 3), values.subList(0, 3));
        awaitCaughtUp();
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        long committedBefore = committed(partition);
        double failuresBefore =
                meters.get("ratings.sink.write.failures").counter().count();
        // the next batch is read as chunks [3, 4] and [5]: the first is written, then the second fails
        jdbc.sql("ALTER TABLE post_rating_windows ADD CONSTRAINT refuse_one CHECK (post_id <> " + posts.get(5)
                        + ") NOT VALID")
                .update();
        try {
            List<RecordMetadata> sent = produceRaw(posts.subList(3, 6), values.subList(3, 6));
            assertThat(sent.get(0).offset()).isEqualTo(committedBefore);
            await().atMost(PATIENCE)
                    .until(() ->
                            meters.get("ratings.sink.write.failures").counter().count() >= failuresBefore + 2);

            assertThat(committed(partition))
                    .as("no offset of the failing batch is committed")
                    .isEqualTo(committedBefore);
            assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts))
                    .containsExactlyElementsOf(produced.subList(0, 3));
            assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, posts))
                    .containsExactlyElementsOf(produced.subList(0, 3));
        } finally {
            jdbc.sql("ALTER TABLE post_rating_windows DROP CONSTRAINT refuse_one")
                    .update();
        }
        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, posts)).containsExactlyElementsOf(produced);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, posts)).containsExactlyElementsOf(produced);
    }

    @Test
    void aSecondGenerationIsStoredApart() {
        long post = newPostIds(1).get(0);
        WindowResult first = result(post, 2, 1);
        WindowResult second = withScore(result(post, 2, 2), 0.75);

        produce(List.of(first));
        awaitCaughtUp();
        produce(List.of(second));
        awaitCaughtUp();

        assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, List.of(post))).containsExactly(first, second);
        assertThat(StoredRows.resultsOfPosts(jdbc, SCORES, List.of(post))).containsExactly(first, second);
    }

    @Test
    void resultsOfARetiredGenerationAreSkipped() {
        long post = newPostIds(1).get(0);
        jdbc.sql("INSERT INTO score_generations (generation, state) VALUES (99, 'retired')")
                .update();
        try {
            double staleBefore =
                    meters.get("ratings.sink.stale.results").counter().count();

            produce(List.of(result(post, 1, 99), result(post, 1, 100)));
            awaitCaughtUp();

            assertThat(StoredRows.resultsOfPosts(jdbc, WINDOWS, List.of(post))).containsExactly(result(post, 1, 100));
            assertThat(meters.get("ratings.sink.stale.results").counter().count())
                    .isEqualTo(staleBefore + 1);
        } finally {
            jdbc.sql("DELETE FROM score_generations WHERE generation = 99").update();
        }
    }

    @Test
    void prometheusShowsTheSinkAndConsumerLagMetricsAndHealthIsUp() throws Exception {
        produce(List.of(result(newPostIds(1).get(0), 0, 1)));
        awaitCaughtUp();

        String metrics = get("/actuator/prometheus");
        assertThat(metrics)
                .contains("ratings_sink_batch_size_records_count")
                .contains("ratings_sink_write_seconds_count")
                .contains("ratings_sink_dead_letters_total")
                .contains("ratings_sink_stale_results_total")
                .contains("kafka_consumer_fetch_manager_records_lag");
        String health = get("/actuator/health");
        assertThat(health)
                .contains("\"status\":\"UP\"")
                .contains("\"db\"")
                .contains("\"kafkaConsumer\"")
                .contains("\"" + WindowResultListener.ID + "\":\"running\"");
    }

    private List<RecordMetadata> produce(List<WindowResult> values) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (WindowResult value : values) {
            sends.add(results.send(new ProducerRecord<>(TOPIC, Long.toString(value.postId()), value)));
        }
        results.flush();
        return acknowledged(sends);
    }

    /** All to partition 0, in order, keyed by the given post ids. */
    private List<RecordMetadata> produceRaw(List<Long> keys, List<byte[]> values) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            sends.add(raw.send(new ProducerRecord<>(TOPIC, 0, keys.get(i).toString(), values.get(i))));
        }
        raw.flush();
        return acknowledged(sends);
    }

    private static List<RecordMetadata> acknowledged(List<Future<RecordMetadata>> sends) {
        List<RecordMetadata> metadata = new ArrayList<>();
        for (Future<RecordMetadata> send : sends) {
            try {
                metadata.add(send.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("Kafka did not acknowledge a test record", e);
            }
        }
        return metadata;
    }

    /** Until the sink's committed offsets reach the end of every partition of the topic. */
    private void awaitCaughtUp() {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(lag(GROUP, TOPIC)).isZero());
    }

    private long committed(TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        return committed == null ? 0 : committed.offset();
    }

    private static Map<TopicPartition, Long> firstOffsets(List<RecordMetadata> sent) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (RecordMetadata metadata : sent) {
            first.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::min);
        }
        return first;
    }

    private static void assertDeadLetter(
            ConsumerRecord<String, byte[]> deadLetter, byte[] value, RecordMetadata original, String reason) {
        Map<String, String> headers = headers(deadLetter);
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(headers)
                .as("headers of the dead letter")
                .containsEntry("kafka_dlt-original-topic", TOPIC)
                .containsKey("kafka_dlt-exception-fqcn")
                .containsKey("kafka_dlt-exception-message");
        assertThat(headers.get("kafka_dlt-exception-stacktrace"))
                .contains(DeserializationException.class.getName())
                .contains(reason);
        assertThat(Long.parseLong(headers.get("kafka_dlt-original-offset"))).isEqualTo(original.offset());
        assertThat(Integer.parseInt(headers.get("kafka_dlt-original-partition")))
                .isEqualTo(original.partition());
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Function<Header, String> text = header ->
                header.key().equals("kafka_dlt-original-offset") || header.key().equals("kafka_dlt-original-partition")
                        ? number(header.value())
                        : new String(header.value(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text.apply(header));
        }
        return headers;
    }

    /** spring-kafka writes the original partition and offset as big-endian int and long. */
    private static String number(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return Long.toString(value);
    }

    private double deadLetterCount() {
        return meters.get("ratings.sink.dead.letters")
                .tag("topic", DEAD_LETTERS)
                .counter()
                .count();
    }

    private static List<WindowResult> sortedByKey(List<WindowResult> results) {
        return results.stream()
                .sorted(java.util.Comparator.comparingLong(WindowResult::generation)
                        .thenComparingLong(WindowResult::postId)
                        .thenComparingLong(result -> result.window().start()))
                .toList();
    }
}
