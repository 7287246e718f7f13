package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.GenerationLifecycle;
import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.GenerationLifecycle.Verdict;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.stream.streams.ScoreStreams;
import dev.ratings.stream.streams.ScoreStreamsFactory;
import dev.ratings.stream.windows.ScorePublication;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs, on this instance, the Kafka Streams application of every generation that {@code
 * score-generations} says is current or being built, and stops the others. Every instance follows
 * the same log, so every instance runs the same generations with the same application ids, and
 * Kafka shares their partitions out. Nothing is decided here that the log does not say: a replay
 * starts by appending {@code BUILDING(n)} and checking that the log accepted it; the sink decides
 * the promotion; this instance follows.
 *
 * <ul>
 *   <li>A generation being built runs silent (no {@code post-scores}).
 *   <li>When it becomes current the previous current generation is stopped here and its local
 *       state deleted, then the new one publishes; its tasks write their {@code post-scores}
 *       snapshot once the old generation's consumer group is gone (every instance has left it),
 *       and then its internal topics are deleted ({@link RetiredApplications}).
 *   <li>An abandoned replay ({@code RETIRED} while building) is stopped and removed alike.
 * </ul>
 */
public final class Generations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);
    private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(30);

    /** What the service is configured with: the parameters of a first generation or a default replay. */
    public record Configured(ScoreParameters parameters, Duration grace) {}

    private final GenerationFollower follower;
    private final GenerationLog generationLog;
    private final ScoreStreamsFactory streams;
    private final RetiredApplications retired;
    private final Configured configured;
    private final LongSupplier clock;
    private final InputGapReplay gapReplay;
    /** Written under the lock, read without it: health checks never wait for a generation to stop. */
    private final Map<Long, ScoreStreams> running = new ConcurrentSkipListMap<>();

    private ExecutorService reconciler;

    Generations(
            GenerationFollower follower,
            GenerationLog generationLog,
            ScoreStreamsFactory streams,
            RetiredApplications.Factory retired,
            Configured configured,
            LongSupplier clock) {
        this.follower = follower;
        this.generationLog = generationLog;
        this.streams = streams;
        this.retired = retired.create(this::changed);
        this.configured = configured;
        this.clock = clock;
        this.gapReplay = new InputGapReplay(follower::lifecycle, this::requestReplay);
    }

    @Override
    public synchronized void start() {
        reconciler = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "generations"));
        follower.start(this::changed);
        if (follower.lifecycle().isEmpty()) {
            recordFirstGeneration();
        }
        GenerationLifecycle now = follower.lifecycle();
        now.current().ifPresent(this::warnIfNotConfigured);
        now.all().stream()
                .filter(generation -> generation.state() == GenerationState.RETIRED)
                .forEach(generation -> retired.remove(generation.number()));
        reconcile();
        streams.removeLocalStateExcept(running.keySet());
    }

    @Override
    public void stop() {
        ExecutorService executor;
        synchronized (this) {
            executor = reconciler;
            reconciler = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        follower.close();
        retired.close();
        synchronized (this) {
            running.values().forEach(ScoreStreams::close);
            running.clear();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return reconciler != null;
    }

    /** The current generation's application, if it runs here. */
    public Optional<ScoreStreams> current() {
        return follower.lifecycle().current().map(current -> running.get(current.number()));
    }

    /** The generations this instance runs now. */
    Set<Long> runningHere() {
        return Set.copyOf(running.keySet());
    }

    /**
     * Starts a replay into the next generation: appends {@code BUILDING(n)} and waits until the log
     * has taken it. Every instance, this one included, then starts the generation.
     *
     * @throws ReplayConflictException if a replay is under way, or another request took the number
     */
    public GenerationEvent requestReplay(ScoreParameters parameters, Duration grace) {
        GenerationLifecycle now = follower.lifecycle();
        now.building().ifPresent(building -> {
            throw new ReplayConflictException(
                    building.number(),
                    "generation " + building.number() + " is still being replayed: one replay at a time");
        });
        GenerationEvent building = now.nextBuilding(parameters, grace.toMillis(), clock.getAsLong());
        Verdict verdict = append(building)
                .orElseThrow(() -> new IllegalStateException("score-generations did not show the replay request in "
                        + VERDICT_TIMEOUT + "; see /admin/generations"));
        if (!verdict.isApplied()) {
            long winner =
                    follower.lifecycle().building().map(Generation::number).orElse(building.generation());
            throw new ReplayConflictException(winner, "another replay request came first: " + verdict.reason());
        }
        log.info("Replay requested: generation {} with {} (grace {})", building.generation(), parameters, grace);
        return building;
    }

    /**
     * Abandons the replay into {@code generation}: appends its {@code RETIRED}.
     *
     * @throws ReplayConflictException if the generation is not being built
     */
    public GenerationEvent abandonReplay(long generation) {
        Generation building = follower.lifecycle()
                .get(generation)
                .filter(known -> known.state() == GenerationState.BUILDING)
                .orElseThrow(() ->
                        new ReplayConflictException(generation, "generation " + generation + " is not being built"));
        GenerationEvent retiredEvent = building.startedBy().withState(GenerationState.RETIRED, clock.getAsLong());
        Verdict verdict = append(retiredEvent).orElseThrow();
        if (!verdict.isApplied()) {
            throw new ReplayConflictException(generation, verdict.reason());
        }
        log.info("Replay into generation {} abandoned", generation);
        return retiredEvent;
    }

    private Optional<Verdict> append(GenerationEvent event) {
        long offset = generationLog.append(event);
        try {
            return follower.awaitVerdict(offset, VERDICT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for score-generations", e);
        }
    }

    /** Another instance may write the first event at the same time: whichever the log took first counts. */
    private void recordFirstGeneration() {
        GenerationEvent first = new GenerationEvent(
                1,
                GenerationState.CURRENT,
                configured.parameters(),
                configured.grace().toMillis(),
                clock.getAsLong());
        Optional<Verdict> verdict = append(first);
        if (verdict.isEmpty() || !verdict.get().isApplied()) {
            log.info("Another instance recorded the first generation first; following it");
        }
    }

    private void changed() {
        ExecutorService executor = reconciler;
        if (executor != null && !executor.isShutdown()) {
            executor.execute(this::reconcileSafely);
        }
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.error("Could not follow score-generations; trying again at the next change", e);
        }
    }

    /** Makes what runs here match the log. */
    private synchronized void reconcile() {
        if (reconciler == null) {
            return;
        }
        GenerationLifecycle now = follower.lifecycle();
        Optional<Generation> current = now.current();
        Optional<Generation> building = now.building();
        Set<Long> wanted = now.all().stream()
                .filter(generation -> generation.state() != GenerationState.RETIRED)
                .map(Generation::number)
                .collect(Collectors.toSet());
        for (Long generation : Set.copyOf(running.keySet())) {
            if (!wanted.contains(generation)) {
                log.info(
                        "Stopping generation {} ({}) and deleting its local state",
                        generation,
                        now.get(generation).map(Generation::state).orElse(null));
                streams.retire(running.remove(generation));
                retired.remove(generation);
            }
        }
        building.ifPresent(replay -> running.computeIfAbsent(replay.number(), number -> start(replay)));
        current.ifPresent(live -> {
            ScorePublication publication = running.computeIfAbsent(live.number(), number -> start(live))
                    .publication();
            publication.startPublishing();
            if (!retired.isPending()) {
                publication.allowSnapshot();
            }
        });
    }

    private ScoreStreams start(Generation generation) {
        log.info("Starting generation {} ({})", generation.number(), generation.state());
        long number = generation.number();
        return streams.start(
                generation.startedBy(),
                generation.state() == GenerationState.BUILDING,
                ScorePublication.silent(),
                () -> inputGap(number));
    }

    /** Called on a stream thread, once per partition that jumped: decided on the reconciler, one at a time. */
    private void inputGap(long generation) {
        ExecutorService executor = reconciler;
        if (executor != null && !executor.isShutdown()) {
            executor.execute(() -> {
                try {
                    gapReplay.afterGapIn(generation);
                } catch (RuntimeException e) {
                    log.error(
                            "Could not start the replay that recomputes generation {} after its input gap",
                            generation,
                            e);
                }
            });
        }
    }

    private void warnIfNotConfigured(Generation current) {
        GenerationEvent event = current.startedBy();
        if (!event.parameters().equals(configured.parameters())
                || event.graceMs() != configured.grace().toMillis()) {
            log.warn(
                    "Generation {} computes with {} (grace {} ms), not the configured {} (grace {}); "
                            + "run a replay to recompute the scores with the configured values",
                    current.number(),
                    event.parameters(),
                    event.graceMs(),
                    configured.parameters(),
                    configured.grace());
        }
    }
}
