package dev.ratings.sink.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GenerationRecords;
import dev.ratings.contract.GroupProgress;
import dev.ratings.contract.ScoreApplications;
import dev.ratings.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Decides, once, that a replay becomes current: the sink knows when a generation's rows are written.
 * Only the instance that holds {@code score-generations} (and has applied all of it) decides.
 *
 * <ol>
 *   <li>The building generation's Kafka Streams group has read {@code ratings} as far as the current
 *       one's, partition by partition.
 *   <li>Then the end of {@code post-rating-windows} is noted, and once the sink's window group has
 *       consumed up to it (written it to PostgreSQL), every result the replay produced while
 *       catching up is in the database.
 *   <li>Then {@code CURRENT(new)} and {@code RETIRED(old)} are written in one Kafka transaction: a
 *       crash leaves both or neither, and an earlier holder that still believes it decides (a
 *       zombie) is fenced by the shared transactional id. Every stream processor instance and this
 *       sink's {@link GenerationFollower} then follow the log.
 * </ol>
 *
 * A crash anywhere resumes: the log says what was decided, the database applies it from its own
 * position, and an undecided replay is checked again by whichever instance holds the log next.
 */
class GenerationPromoter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationPromoter.class);

    /**
     * What a replay that has read {@code ratings} to the end must still have read before it is
     * promoted: first its repartition topics, one stage after the other ({@code stagesLeft} rounds,
     * as what one stage drains feeds the next), then the sink {@code post-rating-windows} as far as
     * it ended once the last stage was drained ({@code results}).
     */
    private record Target(long generation, int stagesLeft, Map<TopicPartition, Long> awaited, boolean results) {}

    private final GenerationFollower follower;
    private final GenerationStore store;
    private final GroupProgress progress;
    private final Supplier<Producer<String, byte[]>> producers;
    private final String applicationIdPrefix;
    private final String windowGroupId;
    private final Duration interval;
    private final LongSupplier clock;
    private final Counter promotions;

    private ScheduledExecutorService executor;
    private Producer<String, byte[]> producer;
    private Target target;

    GenerationPromoter(
            GenerationFollower follower,
            GenerationStore store,
            GroupProgress progress,
            Supplier<Producer<String, byte[]>> transactionalProducers,
            String applicationIdPrefix,
            String windowGroupId,
            Duration interval,
            LongSupplier clock,
            MeterRegistry registry) {
        this.follower = follower;
        this.store = store;
        this.progress = progress;
        this.producers = transactionalProducers;
        this.applicationIdPrefix = applicationIdPrefix;
        this.windowGroupId = windowGroupId;
        this.interval = interval;
        this.clock = clock;
        this.promotions = Counter.builder("ratings.sink.generations.promotions")
                .description("Replays this instance promoted (wrote CURRENT and RETIRED to score-generations)")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "generation-promoter"));
        executor.scheduleWithFixedDelay(this::checkSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        closeProducer();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Checking for a replay to promote failed; trying again in {}", interval, e);
            if (e instanceof KafkaException) {
                closeProducer();
            }
        }
    }

    /** One round of the check; promotes if the replay being built is ready. */
    synchronized void check() {
        if (!follower.holdsLog()) {
            closeProducer();
            target = null;
            return;
        }
        GenerationLifecycle lifecycle = store.lifecycle();
        Optional<Generation> building = lifecycle.building();
        Optional<Generation> current = lifecycle.current();
        if (building.isEmpty() || current.isEmpty()) {
            target = null;
            return;
        }
        if (follower.appliedUpTo()
                < progress.committedEnd(Topics.SCORE_GENERATIONS).get(GenerationRecords.PARTITION)) {
            return; // decide only on the whole log: it may say already what would be decided
        }
        long replay = building.get().number();
        if (!progress.hasCaughtUp(
                applicationId(replay), applicationId(current.get().number()), Topics.RATINGS)) {
            target = null;
            return;
        }
        if (target == null || target.generation() != replay) {
            Map<TopicPartition, Long> internal = progress.repartitionEnds(applicationId(replay));
            int stages = (int) internal.keySet().stream()
                    .map(TopicPartition::topic)
                    .distinct()
                    .count();
            target = new Target(replay, stages, internal, false);
            LOG.info(
                    "Generation {} has caught up with generation {}; waiting for its {} repartition stage(s)"
                            + " and the sink to write its results",
                    replay,
                    current.get().number(),
                    stages);
        }
        if (!target.results()) {
            if (!progress.hasConsumed(applicationId(replay), target.awaited())) {
                return;
            }
            target = target.stagesLeft() > 1
                    ? new Target(
                            replay, target.stagesLeft() - 1, progress.repartitionEnds(applicationId(replay)), false)
                    : new Target(replay, 0, progress.committedEnd(Topics.POST_RATING_WINDOWS), true);
            return;
        }
        if (progress.hasConsumed(windowGroupId, target.awaited())) {
            promote(building.get(), current.get());
            target = null;
        }
    }

    private void promote(Generation replay, Generation previous) {
        long now = clock.getAsLong();
        GenerationEvent promoted = replay.startedBy().withState(GenerationState.CURRENT, now);
        GenerationEvent retired = previous.startedBy().withState(GenerationState.RETIRED, now);
        if (producer == null) {
            producer = producers.get();
            producer.initTransactions();
        }
        producer.beginTransaction();
        try {
            producer.send(GenerationRecords.record(promoted));
            producer.send(GenerationRecords.record(retired));
            producer.commitTransaction();
        } catch (KafkaException e) {
            abortQuietly();
            throw e;
        }
        promotions.increment();
        LOG.info("Promoted generation {}; generation {} retired", replay.number(), previous.number());
    }

    private String applicationId(long generation) {
        return ScoreApplications.applicationId(applicationIdPrefix, generation);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.debug("Could not abort the promotion transaction", e);
        }
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debug("Closing the promotion producer failed", e);
            }
            producer = null;
        }
    }
}
