package dev.ratings.sink.generations;

import static dev.ratings.contract.GenerationEvent.GenerationState.BUILDING;
import static dev.ratings.contract.GenerationEvent.GenerationState.CURRENT;
import static dev.ratings.contract.GenerationEvent.GenerationState.RETIRED;
import static dev.ratings.sink.generations.StreamProcessorStandIn.event;
import static dev.ratings.sink.windows.WindowResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.SinkApplication;
import dev.ratings.testsupport.TemporaryDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two sink instances on one broker and one database, as {@code ./ratings up --replicas 2} runs them:
 * a replay is promoted once, by the instance that holds {@code score-generations}; a promotion
 * written to Kafka but not yet to PostgreSQL when that instance goes is applied by the next holder;
 * and an earlier promoter that wakes up (a zombie) is fenced. The tests run in order, on one log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoSinksPromotionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static EmbeddedKafkaKraftBroker broker;
    private static TemporaryDatabase database;
    private static StreamProcessorStandIn processor;
    private static final List<ConfigurableApplicationContext> sinks = new ArrayList<>();

    @BeforeAll
    static void startTwoSinks() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperties(
                Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        database = TemporaryDatabase.create();
        sinks.add(startSink());
        sinks.add(startSink());
        processor = new StreamProcessorStandIn(broker.getBrokersAsString());
        processor.ensureRatings();
        processor.emit(event(1, CURRENT));
        processor.catchUp(1);
        await().atMost(PATIENCE)
                .until(() -> "current".equals(GenerationRows.states(jdbc()).get(1L)));
    }

    @AfterAll
    static void stopEverything() {
        sinks.forEach(ConfigurableApplicationContext::close);
        if (processor != null) {
            processor.close();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aReplayIsPromotedOnceByTheInstanceHoldingTheLog() {
        assertThat(sinks.stream().filter(sink -> follower(sink).holdsLog()))
                .as("one instance holds the log")
                .hasSize(1);

        replayAndCatchUp(2);
        await().atMost(PATIENCE)
                .until(() -> "current".equals(GenerationRows.states(jdbc()).get(2L)));

        assertThat(GenerationRows.states(jdbc())).isEqualTo(Map.of(1L, "retired", 2L, "current"));
        assertThat(processor.logged(2, CURRENT)).as("one promotion in the log").hasSize(1);
        assertThat(processor.logged(1, RETIRED)).hasSize(1);
        assertThat(sinks.stream().mapToDouble(TwoSinksPromotionIT::promotions).sum())
                .as("decided by one instance, once")
                .isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void aPromotionInKafkaButNotYetInPostgresIsAppliedByTheNextHolderOfTheLog() {
        // the database refuses the switch: the promotion reaches Kafka, not PostgreSQL
        jdbc().sql("""
                        CREATE FUNCTION refuse_switch() RETURNS trigger LANGUAGE plpgsql AS
                        $$ BEGIN RAISE EXCEPTION 'no switch now'; END $$
                        """).update();
        jdbc().sql("""
                        CREATE TRIGGER refuse_switch BEFORE UPDATE ON score_generations
                        FOR EACH ROW WHEN (NEW.state = 'current') EXECUTE FUNCTION refuse_switch()
                        """).update();
        try {
            replayAndCatchUp(3);
            await().atMost(PATIENCE).until(() -> processor.logged(3, CURRENT).size() == 1);
            assertThat(GenerationRows.states(jdbc()))
                    .containsEntry(2L, "current")
                    .containsEntry(3L, "building");

            // the instance that promoted goes before the database took the switch; the other takes over
            ConfigurableApplicationContext holder = sinks.stream()
                    .filter(sink -> follower(sink).holdsLog())
                    .findFirst()
                    .orElseThrow();
            holder.close();
            sinks.remove(holder);
        } finally {
            jdbc().sql("DROP TRIGGER IF EXISTS refuse_switch ON score_generations")
                    .update();
        }

        await().atMost(PATIENCE)
                .until(() -> "current".equals(GenerationRows.states(jdbc()).get(3L)));
        assertThat(GenerationRows.states(jdbc())).containsEntry(2L, "retired").containsEntry(3L, "current");
        assertThat(follower(sinks.get(0)).holdsLog()).isTrue();
        assertThat(processor.logged(3, CURRENT))
                .as("promoted once, applied after the crash")
                .hasSize(1);
    }

    @Test
    @Order(3)
    void anEarlierPromoterThatWakesUpIsFenced() {
        processor.emit(event(4, BUILDING));
        KafkaProducer<String, byte[]> zombie = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "ratings-sink-promoter"),
                new StringSerializer(),
                new ByteArraySerializer());
        try (zombie) {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(GenerationRecords.record(event(4, CURRENT)));
            zombie.flush();

            processor.catchUp(4);
            await().atMost(PATIENCE)
                    .until(() -> "current".equals(GenerationRows.states(jdbc()).get(4L)));

            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
        }
        assertThat(processor.logged(4, CURRENT))
                .as("the zombie's promotion never became visible")
                .hasSize(1);
        assertThat(GenerationRows.states(jdbc())).containsEntry(3L, "retired").containsEntry(4L, "current");
    }

    private static void replayAndCatchUp(long generation) {
        processor.emit(event(generation, BUILDING));
        List<WindowResult> results = List.of(result(1, 0, generation), result(2, 0, generation));
        processor.produce(results);
        processor.catchUp(generation);
    }

    private static ConfigurableApplicationContext startSink() {
        // arguments, not default properties: application.yml would override those
        return new SpringApplicationBuilder(SinkApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        // for when the services require a secret (issue 9); ignored before
                        "--ratings.auth.jwt-secret=two-sinks-promotion-test-secret-of-more-than-32-bytes",
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--ratings.kafka.partitions=2",
                        "--ratings.sink.retry.initial-interval=100ms",
                        "--ratings.sink.retry.max-interval=1s",
                        "--ratings.sink.promotion.check-interval=PT0.2S");
    }

    /** The database as a running sink reaches it. */
    private static JdbcClient jdbc() {
        return sinks.get(0).getBean(JdbcClient.class);
    }

    private static GenerationFollower follower(ConfigurableApplicationContext sink) {
        return sink.getBean(GenerationFollower.class);
    }

    private static double promotions(ConfigurableApplicationContext sink) {
        return sink.getBean(MeterRegistry.class)
                .get("ratings.sink.generations.promotions")
                .counter()
                .count();
    }
}
