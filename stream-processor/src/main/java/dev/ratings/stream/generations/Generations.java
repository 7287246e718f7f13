package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.stream.streams.ScoreStreams;
import dev.ratings.stream.streams.ScoreStreamsFactory;
import dev.ratings.stream.windows.ScorePublication;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the current generation of scores and, during a replay, the one being built beside it.
 *
 * <p>A replay is a new Kafka Streams application reading {@code ratings} from the beginning with
 * its own parameters and state. It becomes current once it has read as far as the current one and
 * the sink has written everything it produced up to then; the old generation is then stopped and
 * its state, internal topics and consumer group are deleted. Every change is recorded on {@code
 * score-generations}, which the sink follows to switch what readers see.
 */
public final class Generations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    /** What the service is configured with: the parameters of a first or a default replay. */
    public record Configured(ScoreParameters parameters, Duration grace) {}

    private final GenerationLog generationLog;
    private final CatchUpCheck brokers;
    private final ScoreStreamsFactory streams;
    private final Configured configured;
    private final String sinkGroupId;
    private final Duration checkInterval;
    private final LongSupplier clock;

    private final Map<Long, GenerationEvent> known = new TreeMap<>();
    private ScoreStreams current;
    private ScoreStreams building;
    private Replay replay;
    private Replay lastReplay;
    private ScheduledExecutorService monitor;

    public Generations(
            GenerationLog generationLog,
            CatchUpCheck brokers,
            ScoreStreamsFactory streams,
            Configured configured,
            String sinkGroupId,
            Duration checkInterval,
            LongSupplier clock) {
        this.generationLog = generationLog;
        this.brokers = brokers;
        this.streams = streams;
        this.configured = configured;
        this.sinkGroupId = sinkGroupId;
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        known.putAll(generationLog.readAll());
        GenerationEvent currentEvent = latestIn(GenerationState.CURRENT).orElseGet(this::recordFirstGeneration);
        if (!currentEvent.parameters().equals(configured.parameters())
                || currentEvent.graceMs() != configured.grace().toMillis()) {
            log.warn(
                    "Generation {} computes with {} (grace {} ms), not the configured {} (grace {}); "
                            + "run a replay to recompute the scores with the configured values",
                    currentEvent.generation(),
                    currentEvent.parameters(),
                    currentEvent.graceMs(),
                    configured.parameters(),
                    configured.grace());
        }
        current = streams.start(currentEvent, ScorePublication.publishing());
        latestIn(GenerationState.BUILDING)
                .filter(event -> event.generation() > currentEvent.generation())
                .ifPresent(event -> {
                    log.info("Resuming the replay into generation {}", event.generation());
                    building = streams.start(event, ScorePublication.silent());
                    replay = new Replay(event, clock.getAsLong());
                });
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "replay-monitor"));
        monitor.scheduleWithFixedDelay(
                this::checkReplaySafely, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
            monitor = null;
        }
        if (building != null) {
            building.close();
            building = null;
        }
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return current != null;
    }

    /** Starts recomputing every score into a new generation with the given parameters. */
    public synchronized GenerationEvent startReplay(ScoreParameters parameters, Duration grace) {
        if (building != null) {
            throw new ReplayInProgressException(replay.generation().generation());
        }
        long next = known.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        GenerationEvent event =
                new GenerationEvent(next, GenerationState.BUILDING, parameters, grace.toMillis(), clock.getAsLong());
        record(event);
        building = streams.start(event, ScorePublication.silent());
        replay = new Replay(event, clock.getAsLong());
        log.info("Replay started: generation {} with {} (grace {})", next, parameters, grace);
        return event;
    }

    public synchronized Optional<ScoreStreams> current() {
        return Optional.ofNullable(current);
    }

    public synchronized Collection<GenerationEvent> all() {
        return java.util.List.copyOf(known.values());
    }

    /** The replay under way, else the last one this instance finished. */
    public synchronized Optional<ReplayStatus> replayStatus(long generation) {
        Replay of = replay != null && replay.generation().generation() == generation
                ? replay
                : lastReplay != null && lastReplay.generation().generation() == generation ? lastReplay : null;
        if (of == null) {
            return Optional.ofNullable(known.get(generation)).map(event -> ReplayStatus.unknownProgress(event));
        }
        long records = brokers.recordsRead(streams.applicationId(generation));
        ScoreStreams running = building != null && building.generation() == generation
                ? building
                : current != null && current.generation() == generation ? current : null;
        return Optional.of(of.status(
                known.get(generation),
                records,
                running == null ? null : running.ratingsRead(),
                running == null ? null : running.windowsClosed()));
    }

    private void checkReplaySafely() {
        try {
            checkReplay();
        } catch (RuntimeException e) {
            log.warn("Replay check failed; trying again in {}", checkInterval, e);
        }
    }

    synchronized void checkReplay() {
        if (building == null) {
            return;
        }
        long now = clock.getAsLong();
        if (replay.phase() == Replay.Phase.CATCHING_UP) {
            boolean running = building.state() == KafkaStreams.State.RUNNING;
            if (running && brokers.hasReachedGroup(building.applicationId(), current.applicationId(), Topics.RATINGS)) {
                Map<TopicPartition, Long> produced = brokers.committedEnd(Topics.POST_RATING_WINDOWS);
                replay.caughtUp(now, produced);
                log.info(
                        "Generation {} has caught up; waiting for the sink",
                        replay.generation().generation());
            }
        }
        if (replay.phase() == Replay.Phase.WAITING_FOR_SINK && brokers.hasConsumed(sinkGroupId, replay.sinkTarget())) {
            promote(now);
        }
    }

    /** The replay becomes current; the old generation stops publishing before the new one snapshots. */
    private void promote(long now) {
        ScoreStreams old = current;
        GenerationEvent oldEvent = known.get(old.generation());
        GenerationEvent promoted = known.get(building.generation()).withState(GenerationState.CURRENT, now);
        record(promoted);
        streams.retire(old);
        current = building;
        building = null;
        current.publication().startWithSnapshot();
        record(oldEvent.withState(GenerationState.RETIRED, now));
        brokers.deleteApplication(old.applicationId());
        replay.activated(now);
        lastReplay = replay;
        replay = null;
        log.info("Generation {} is current; generation {} retired", promoted.generation(), oldEvent.generation());
    }

    private GenerationEvent recordFirstGeneration() {
        long first = known.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        GenerationEvent event = new GenerationEvent(
                first,
                GenerationState.CURRENT,
                configured.parameters(),
                configured.grace().toMillis(),
                clock.getAsLong());
        record(event);
        return event;
    }

    private Optional<GenerationEvent> latestIn(GenerationState state) {
        return known.values().stream().filter(event -> event.state() == state).reduce((first, second) -> second);
    }

    private void record(GenerationEvent event) {
        generationLog.append(event);
        known.put(event.generation(), event);
    }
}
