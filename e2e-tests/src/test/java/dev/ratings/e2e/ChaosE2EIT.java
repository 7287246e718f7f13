package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.testsupport.TestTokens;
import dev.ratings.tools.chaos.ChaosRun;
import dev.ratings.tools.chaos.ChaosTable;
import dev.ratings.tools.chaos.Database;
import dev.ratings.tools.chaos.Fault;
import dev.ratings.tools.chaos.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault suite's short version (RELIABILITY.md): about a minute of ratings through the ingest API
 * while the stream processor and then the sink are killed with SIGKILL and started again, then the
 * same proof as {@code ./ratings chaos}: every 202 in the log once and counted once in PostgreSQL, no
 * window twice on {@code post-rating-windows}, no undocumented status.
 */
class ChaosE2EIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(2);

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(WINDOW, GRACE);

    @Test
    void everyAcceptedRatingIsCountedOnceThroughKillsOfTheStreamProcessorAndTheSink() throws Exception {
        ChaosRun.Target target = new ChaosRun.Target(
                URI.create(pipeline.ingestApiUrl() + "/"),
                pipeline.kafkaBootstrapServers(),
                new Database(
                        pipeline.database().jdbcUrl(),
                        pipeline.database().user(),
                        pipeline.database().password()),
                TestTokens.SECRET);
        // Gentle: mvn verify shares two cores with the broker, three services and other builds.
        ChaosRun.Settings settings = new ChaosRun.Settings(
                40,
                8,
                400,
                Duration.ofSeconds(10),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                Duration.ofSeconds(40));

        ChaosRun.Result result = new ChaosRun(target, settings, new Database.Windowing(WINDOW, GRACE))
                .run(List.of(killAndRestart("stream-processor"), killAndRestart("sink")));

        Verdict verdict = result.verdict();
        System.out.println(ChaosTable.render(verdict.rows()));
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.rows()).hasSize(3).allSatisfy(row -> {
            assertThat(row.accepted()).isPositive();
            assertThat(row.counted()).isEqualTo(row.accepted());
        });
        assertThat(result.evidence().topicWindows()).isNotEmpty();
    }

    private static Fault killAndRestart(String module) {
        return new Fault() {
            @Override
            public String name() {
                return "kill -9 " + module;
            }

            @Override
            public void inject() {
                pipeline.kill(module);
            }

            @Override
            public void recover() {
                pipeline.start(module, Map.of());
            }
        };
    }
}
