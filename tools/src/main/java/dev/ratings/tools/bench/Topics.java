package dev.ratings.tools.bench;

import dev.ratings.contract.TopicDefinitions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The pipeline's topics as the services declare them, and a producer for pre-loading them fast. */
final class Topics {

    private Topics() {}

    /** Creates the contract's topics (as every service would) unless they exist. */
    static void create(String bootstrap, int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(TopicDefinitions.all(partitions)).values().forEach((name, created) -> {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /**
     * Large lz4 batches: pre-loading must be quick, not representative. Durability stays as the
     * ingest API's (acks=all, idempotent), so the loaded log is the same kind of log.
     */
    static KafkaProducer<String, byte[]> bulkProducer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Counts the sends the broker refused: a pre-load that lost records must fail, not time less. */
    static final class Failures implements Callback {
        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
            if (error != null) {
                count.incrementAndGet();
                first.compareAndSet(null, error);
            }
        }

        void check() {
            if (count.get() > 0) {
                throw new IllegalStateException(count.get() + " records were not written", first.get());
            }
        }
    }
}
