package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Outcome;
import dev.ratings.contract.GenerationLifecycle.Verdict;
import dev.ratings.contract.GenerationRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code score-generations} from its start for as long as the service runs, and runs every
 * record through {@link GenerationLifecycle}: every instance thus knows the same generations, and
 * what each record did. Unreadable records and those that do not follow change nothing here (the
 * sink sends them to the dead-letter topic); they are logged and counted.
 */
final class GenerationFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GenerationFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** When the log recorded each step of a generation (record timestamps, epoch ms); null if it has not. */
    record Times(Long startedAt, Long activatedAt, Long retiredAt) {}

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final GenerationLifecycle lifecycle = GenerationLifecycle.empty();
    private final Map<Long, Verdict> verdicts = new HashMap<>();
    private final Map<Long, Times> times = new HashMap<>();
    private long position;
    private volatile boolean running;
    private Consumer<String, byte[]> consumer;
    private Thread thread;
    private Runnable onChange = () -> {};

    GenerationFollower(Supplier<Consumer<String, byte[]>> consumers, MeterRegistry registry) {
        this.consumers = consumers;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(
                    outcome,
                    Counter.builder("ratings.generations.events")
                            .tag("result", outcome.name().toLowerCase(Locale.ROOT))
                            .description("score-generations records read, by what they did (refused: unreadable or"
                                    + " not following; they change nothing)")
                            .register(registry));
        }
        Gauge.builder("ratings.generation.current", this, GenerationFollower::currentNumber)
                .description("The generation of scores readers see (0 before the first one starts)")
                .register(registry);
    }

    /**
     * Reads the log to its end before returning, then follows it in the background, calling {@code
     * onChange} after each record that changed a generation.
     */
    void start(Runnable onChange) {
        this.onChange = onChange;
        consumer = consumers.get();
        consumer.assign(List.of(GenerationRecords.PARTITION));
        consumer.seekToBeginning(List.of(GenerationRecords.PARTITION));
        long end = consumer.endOffsets(List.of(GenerationRecords.PARTITION)).get(GenerationRecords.PARTITION);
        while (consumer.position(GenerationRecords.PARTITION) < end) {
            pollOnce();
        }
        log.info("Read score-generations to offset {}: {}", end, lifecycle().all());
        running = true;
        thread = new Thread(this::follow, "score-generations-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    /** The generations as the log has made them so far (a copy). */
    synchronized GenerationLifecycle lifecycle() {
        return GenerationLifecycle.of(lifecycle.all());
    }

    private synchronized double currentNumber() {
        return lifecycle.current().map(current -> current.number()).orElse(0L);
    }

    synchronized Times times(long generation) {
        return times.getOrDefault(generation, new Times(null, null, null));
    }

    /**
     * Waits until the record at {@code offset} has been read and returns what it did; empty if it
     * was unreadable or not read in time.
     */
    synchronized Optional<Verdict> awaitVerdict(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position <= offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.ofNullable(verdicts.get(offset));
    }

    private void follow() {
        while (running) {
            try {
                pollOnce();
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                log.warn("Reading score-generations failed; trying again", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void pollOnce() {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            changed |= read(record);
        }
        synchronized (this) {
            position = consumer.position(GenerationRecords.PARTITION);
            notifyAll();
        }
        if (changed && running) {
            onChange.run();
        }
    }

    private synchronized boolean read(ConsumerRecord<String, byte[]> record) {
        GenerationEvent event;
        try {
            event = GenerationRecords.read(record.key(), record.value());
        } catch (SerializationException e) {
            outcomes.get(Outcome.REFUSED).increment();
            log.warn("Ignoring unreadable score-generations record at offset {}: {}", record.offset(), e.getMessage());
            return false;
        }
        Verdict verdict = lifecycle.apply(event);
        verdicts.put(record.offset(), verdict);
        outcomes.get(verdict.outcome()).increment();
        if (verdict.isRefused()) {
            log.warn(
                    "Ignoring score-generations record at offset {} ({} of generation {}): {}",
                    record.offset(),
                    event.state(),
                    event.generation(),
                    verdict.reason());
            return false;
        }
        if (verdict.isApplied()) {
            verdict.changes().forEach(change -> record(change.generation(), change.to(), record.timestamp()));
            log.info("score-generations at offset {}: {}", record.offset(), verdict.changes());
        }
        return verdict.isApplied();
    }

    private void record(long generation, GenerationState state, long at) {
        Times before = times.getOrDefault(generation, new Times(null, null, null));
        times.put(
                generation,
                switch (state) {
                    case BUILDING -> new Times(at, null, null);
                    case CURRENT -> new Times(before.startedAt() == null ? at : before.startedAt(), at, null);
                    case RETIRED -> new Times(before.startedAt(), before.activatedAt(), at);
                });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
