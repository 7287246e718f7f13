package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./ratings up --brokers 3 --replicas 2} writes and names, from the script's own
 * functions (sourced, so nothing starts): each node's server.properties, the instances and their
 * ports, the front door's config. The single shape must stay as it was.
 */
class LauncherShapeTest {

    private static final Path SCRIPT = Path.of("..", "ratings").toAbsolutePath().normalize();

    @TempDir
    Path state;

    @Test
    void aNodeOfThreeIsOneVoterOfAQuorumOfThreeWithEveryTopicOnThreeNodesAndTwoInSync() throws Exception {
        String config = run(3, 2, "kafka_write_config kafka-2; cat \"$KAFKA_DIR/kafka-2/server.properties\"");

        assertThat(config)
                .contains("node.id=2\n")
                .contains("controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293\n")
                .contains("listeners=PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193\n")
                .contains("log.dirs=" + state.resolve("kafka/kafka-2/data") + "\n")
                .contains("default.replication.factor=3\n", "min.insync.replicas=2\n")
                .contains("offsets.topic.replication.factor=3\n")
                .contains("transaction.state.log.replication.factor=3\n", "transaction.state.log.min.isr=2\n")
                .doesNotContain("replication.factor=1\n", "controller.quorum.bootstrap.servers");
        assertThat(config.lines().filter(line -> line.startsWith("node.id="))).hasSize(1);
    }

    @Test
    void theSingleNodeKeepsItsPortsDynamicQuorumAndReplicationOfOne() throws Exception {
        String config = run(1, 1, "kafka_write_config; cat \"$KAFKA_DIR/server.properties\"");

        assertThat(config)
                .contains("node.id=1\n", "default.replication.factor=1\n", "min.insync.replicas=1\n")
                .contains("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n")
                .contains("controller.quorum.bootstrap.servers=127.0.0.1:9093\n")
                .doesNotContain("controller.quorum.voters");
    }

    @Test
    void everyInstanceHasItsOwnNamePortsAndStreamsState() throws Exception {
        String several = run(
                3,
                2,
                "for name in $(broker_names) $(all_instances); do"
                        + " if [[ $name == kafka* ]]; then echo \"$name $(broker_port $name)\";"
                        + " else echo \"$name $(port_of $name) $(streams_dir $name)\"; fi; done;"
                        + " echo bootstrap $(bootstrap_servers)");
        String single = run(1, 1, "for name in $(broker_names) $(all_instances); do echo $name; done");

        String streams = state.resolve("streams/cluster").toString();
        assertThat(several.lines())
                .containsExactly(
                        "kafka-1 9092",
                        "kafka-2 9192",
                        "kafka-3 9292",
                        "sink-1 8182 " + streams + "/sink-1",
                        "sink-2 8282 " + streams + "/sink-2",
                        "stream-processor-1 8181 " + streams + "/stream-processor-1",
                        "stream-processor-2 8281 " + streams + "/stream-processor-2",
                        "ingest-api-1 8180 " + streams + "/ingest-api-1",
                        "ingest-api-2 8280 " + streams + "/ingest-api-2",
                        "bootstrap 127.0.0.1:9092,127.0.0.1:9192,127.0.0.1:9292");
        assertThat(single.lines()).containsExactly("kafka", "sink", "stream-processor", "ingest-api");
    }

    @Test
    void theFrontDoorBalancesTheShapesIngestApisCheckedOnTheirManagementPortsAndNeverResendsAPost() throws Exception {
        String config = run(3, 2, "front_door_config; cat \"$FRONT_DOOR_DIR/haproxy.cfg\"");

        assertThat(config.lines().filter(line -> line.strip().startsWith("server ")))
                .containsExactly(
                        "    server ingest-api-1 127.0.0.1:8180 check port 9180",
                        "    server ingest-api-2 127.0.0.1:8280 check port 9280");
        assertThat(config)
                .contains("http-check send meth GET uri /actuator/health/readiness")
                .contains("retry-on conn-failure empty-response 503")
                .contains("http-request disable-l7-retry unless METH_GET || METH_HEAD")
                .contains("option redispatch");
    }

    /** Sources the script into a shell whose state folder is the temporary one, sets the shape, runs the commands. */
    private String run(int brokers, int replicas, String commands) throws IOException, InterruptedException {
        String script = "source " + SCRIPT + "; STATE=" + state + "; KAFKA_DIR=$STATE/kafka;"
                + " FRONT_DOOR_DIR=$STATE/front-door; BIND_ADDRESS=127.0.0.1; APP_HOST=127.0.0.1;"
                + " KAFKA_ADVERTISED_HOST=127.0.0.1; BROKERS=" + brokers + "; REPLICAS=" + replicas + "; "
                + commands;
        Process process = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
