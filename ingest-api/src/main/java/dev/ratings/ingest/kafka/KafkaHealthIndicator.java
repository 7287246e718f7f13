package dev.ratings.ingest.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Up when the cluster answers a metadata request in time; ratings cannot be accepted otherwise. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final KafkaAdmin admin;
    private volatile AdminClient client;

    KafkaHealthIndicator(KafkaAdmin admin) {
        super("Kafka health check failed");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster =
                client().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        int nodes =
                cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }

    private AdminClient client() {
        AdminClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = AdminClient.create(admin.getConfigurationProperties());
                }
                current = client;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        AdminClient current = client;
        if (current != null) {
            current.close(Duration.ofSeconds(1));
        }
    }
}
