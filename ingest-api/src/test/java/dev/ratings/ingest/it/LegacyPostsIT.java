package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.PostEvent;
import dev.ratings.contract.Topics;
import dev.ratings.ingest.TestJwts;
import dev.ratings.testsupport.TemporaryDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database from before posts were events (migrated to V4, posts only in the table, the topic
 * empty): at start-up the ingest API publishes those posts to {@code posts}, so that a later loss of
 * the database loses none of them, and the next post gets an id above theirs.
 */
class LegacyPostsIT extends RunningServiceWithBroker {

    private static final List<String> TITLES = List.of("written in 2025", "and another", "the last old one");

    /** Prepares the database before the application migrates it further. */
    @DynamicPropertySource
    static void databaseFromBeforePostEvents(DynamicPropertyRegistry registry) {
        TemporaryDatabase database = database();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure()
                .dataSource(dataSource)
                .target(MigrationVersion.fromVersion("4"))
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TITLES.forEach(title -> jdbc.sql("INSERT INTO posts (title, body, author_id) VALUES (:title, 'old', 'olga')")
                .param("title", title)
                .update());
    }

    @Test
    void postsOnlyInTheTableArePublishedAtStartUpAndNewIdsComeAfterThem() {
        Map<Long, PostEvent> published = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, PostEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringDeserializer(),
                JsonSerde.of(PostEvent.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.POSTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> published.put(record.value().id(), record.value()));
                return published.size() >= TITLES.size();
            });
        }

        assertThat(published.values()).extracting(PostEvent::title).containsExactlyInAnyOrderElementsOf(TITLES);
        assertThat(published.values()).allSatisfy(post -> {
            assertThat(post.body()).isEqualTo("old");
            assertThat(post.authorId()).isEqualTo("olga");
            assertThat(post.createdAt()).isPositive();
        });
        assertThat(api.createPost("the first new one", "alice")).isGreaterThan(TITLES.size());
        assertThat(api.get("/api/posts", TestJwts.valid("alice")).statusCode()).isEqualTo(200);
    }
}
