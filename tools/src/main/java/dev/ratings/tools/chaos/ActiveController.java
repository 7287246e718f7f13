package dev.ratings.tools.chaos;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The node that leads the KRaft quorum, by {@code ./ratings}' name ({@code kafka-<node id>}). Killing
 * it is the slowest loss of one broker: the others first elect a controller, which then fences it.
 */
final class ActiveController {

    private ActiveController() {}

    /** Empty when the quorum does not answer within a few seconds (the suite then strikes another node). */
    static Optional<String> name(String bootstrap) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000);
        try (Admin admin = Admin.create(config)) {
            int leader = admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(15, TimeUnit.SECONDS)
                    .leaderId();
            return Optional.of("kafka-" + leader);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
