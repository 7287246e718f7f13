package dev.ratings.tools.kafka;

import dev.ratings.tools.Args;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * {@code kafka-ready [--bootstrap host:port,...] [--timeout-s n] [--pid p] [--nodes n]}: exit 0 once a
 * Kafka broker answers a describe-cluster request with at least {@code --nodes} live brokers (default
 * one: a cluster is whole only when every node is back), 1 when none did within the timeout, 3
 * when the process {@code --pid} (the broker being started) ended meanwhile. Polls in one JVM, so
 * that the script's wait does not start one per attempt.
 */
public final class KafkaReady {

    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private KafkaReady() {}

    public static int run(String[] arguments) throws InterruptedException {
        Args args = Args.parse(arguments, Set.of()).only(Set.of("bootstrap", "timeout-s", "pid", "nodes"));
        String bootstrap = args.text("bootstrap", "127.0.0.1:9092");
        long nodes = args.number("nodes", 1);
        long deadline = System.nanoTime()
                + Duration.ofSeconds(args.number("timeout-s", 60)).toNanos();
        Optional<ProcessHandle> broker =
                args.all("pid").isEmpty() ? Optional.empty() : ProcessHandle.of(args.number("pid"));
        if (!args.all("pid").isEmpty() && broker.isEmpty()) {
            return 3;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                500,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) ATTEMPT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) ATTEMPT.toMillis()))) {
            while (true) {
                if (liveBrokers(admin) >= nodes) {
                    return 0;
                }
                if (broker.isPresent() && !broker.get().isAlive()) {
                    return 3;
                }
                if (System.nanoTime() > deadline) {
                    return 1;
                }
                Thread.sleep(300);
            }
        }
    }

    private static int liveBrokers(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ATTEMPT.toMillis()))
                    .nodes()
                    .get(ATTEMPT.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        }
    }
}
