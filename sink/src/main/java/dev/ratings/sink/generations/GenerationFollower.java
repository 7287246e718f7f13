package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Follows {@code score-generations} and hands each record to the {@link GenerationEventWriter}, in
 * log order, from where the database says it stands (not from the consumer group's offsets, which
 * are committed only to show the lag). A failure (database down) is retried with back-off from the
 * database's position again.
 *
 * <p>The consumer group gives the one partition to one sink instance: that instance applies the log
 * and is the one whose {@link GenerationPromoter} may promote a replay. Other instances wait.
 */
class GenerationFollower implements SmartLifecycle, ConsumerRebalanceListener {

    static final String GROUP_ID = "ratings-sink-generations";

    private static final Logger LOG = LoggerFactory.getLogger(GenerationFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final GenerationEventWriter writer;
    private final LogIdentity identity;
    private final BackOff backOff;

    private volatile boolean running;
    private volatile boolean holdsLog;
    private volatile boolean positioned;
    /** The database's position as this instance left it: the next offset to apply. */
    private volatile long applied = -1;
    /** How far the consumer has read, past transaction markers. */
    private volatile long readUpTo = -1;

    private volatile String lastFailure;
    private Thread thread;
    private Consumer<String, byte[]> consumer;

    GenerationFollower(
            Supplier<Consumer<String, byte[]>> consumers,
            GenerationEventWriter writer,
            LogIdentity identity,
            BackOff backOff) {
        this.consumers = consumers;
        this.writer = writer;
        this.identity = identity;
        this.backOff = backOff;
    }

    /** Whether this instance holds the log's partition: it applies the log and may promote. */
    boolean holdsLog() {
        return holdsLog;
    }

    /**
     * How far this instance has read and applied the log, past transaction markers (comparable with
     * the partition's end offset); -1 if it does not hold the log.
     */
    long appliedUpTo() {
        return holdsLog && positioned ? readUpTo : -1;
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "score-generations-follower");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.contains(GenerationRecords.PARTITION)) {
            holdsLog = true;
            positioned = false;
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.contains(GenerationRecords.PARTITION)) {
            holdsLog = false;
            positioned = false;
        }
    }

    private void run() {
        try (Consumer<String, byte[]> opened = consumers.get()) {
            synchronized (this) {
                consumer = opened;
            }
            if (!running) {
                return;
            }
            opened.subscribe(List.of(Topics.SCORE_GENERATIONS), this);
            BackOffExecution wait = backOff.start();
            while (running) {
                try {
                    follow(opened);
                    wait = backOff.start();
                    lastFailure = null;
                } catch (WakeupException e) {
                    // stopping
                } catch (RuntimeException e) {
                    positioned = false;
                    lastFailure = e.toString();
                    long pause = wait.nextBackOff();
                    LOG.warn(
                            "Applying score-generations failed; trying again in {} ms from the database's position",
                            pause,
                            e);
                    sleep(pause);
                }
            }
        } finally {
            holdsLog = false;
        }
    }

    private void follow(Consumer<String, byte[]> opened) {
        if (holdsLog && !positioned) {
            String topicId = identity.refresh();
            LogPosition start = writer.adopt(topicId);
            opened.seek(GenerationRecords.PARTITION, start.nextOffset());
            applied = start.nextOffset();
            readUpTo = -1;
            positioned = true;
        }
        ConsumerRecords<String, byte[]> records = opened.poll(POLL);
        if (!holdsLog || !positioned) {
            return; // assigned during this poll: positioned on the next round
        }
        String topicId = identity.topicId();
        for (ConsumerRecord<String, byte[]> record : records) {
            GenerationEventWriter.Applied result = writer.apply(topicId, applied, record);
            if (result.result() == GenerationEventWriter.Result.ALREADY_APPLIED) {
                if (!identity.refresh().equals(topicId)) {
                    positioned = false; // another Kafka under a running sink: adopt its log
                    return;
                }
            } else {
                applied = record.offset() + 1;
            }
        }
        readUpTo = opened.position(GenerationRecords.PARTITION);
        if (!records.isEmpty()) {
            opened.commitSync(Map.of(GenerationRecords.PARTITION, new OffsetAndMetadata(readUpTo)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
