package dev.ratings.stream.streams;

import dev.ratings.contract.Topics;
import dev.ratings.stream.windows.WindowMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.LongSupplier;

/** The topology's counts as Micrometer meters, tagged with the generation. */
public final class MicrometerWindowMetrics implements WindowMetrics {

    private final Counter ratingsRead;
    private final Counter lateRatings;
    private final Counter duplicates;
    private final Counter deadLetters;
    private final Counter windowsClosed;
    private final Timer closeDelay;
    private final Counter alreadyApplied;
    private final Counter inputGaps;
    private final LongSupplier wallClock;
    private final Runnable onInputGap;

    public MicrometerWindowMetrics(MeterRegistry registry, long generation, LongSupplier wallClock) {
        this(registry, generation, wallClock, () -> {});
    }

    /** @param onInputGap told of every gap after it is counted: the service recomputes the generation */
    public MicrometerWindowMetrics(
            MeterRegistry registry, long generation, LongSupplier wallClock, Runnable onInputGap) {
        String gen = Long.toString(generation);
        this.ratingsRead = Counter.builder("ratings.events.read")
                .description("Rating events read from the ratings topic (heartbeats and dead letters aside)")
                .tag("generation", gen)
                .register(registry);
        this.lateRatings = Counter.builder("ratings.late")
                .description("Ratings that arrived after their window closed, counted in the earliest open window")
                .tag("generation", gen)
                .register(registry);
        this.duplicates = Counter.builder("ratings.duplicates")
                .description("Rating events dropped because the same rating (same ratingId) was counted already:"
                        + " a client's retry published again")
                .tag("generation", gen)
                .register(registry);
        this.deadLetters = Counter.builder("ratings.dead.letters")
                .description("Records sent to a dead-letter topic")
                .tag("topic", Topics.RATINGS)
                .tag("generation", gen)
                .register(registry);
        this.windowsClosed = Counter.builder("ratings.windows.closed")
                .description("Window results emitted (one per post and closed active window)")
                .tag("generation", gen)
                .register(registry);
        this.closeDelay = Timer.builder("ratings.window.close.delay")
                .description("Wall-clock time from a window's end to the emission of its result")
                .tag("generation", gen)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.alreadyApplied = Counter.builder("ratings.input.skipped")
                .description("Records of ratings read again after the consumer offsets were lost or reset,"
                        + " skipped because the state already holds them")
                .tag("generation", gen)
                .register(registry);
        this.inputGaps = Counter.builder("ratings.input.gap")
                .description("Records of ratings never applied because the consumer offsets moved past them")
                .tag("generation", gen)
                .register(registry);
        this.wallClock = wallClock;
        this.onInputGap = onInputGap;
    }

    /** Window results this generation has emitted since the service started. */
    public long windowsClosed() {
        return (long) windowsClosed.count();
    }

    /** Rating events this generation has read since the service started. */
    public long ratingsRead() {
        return (long) ratingsRead.count();
    }

    @Override
    public void ratingRead() {
        ratingsRead.increment();
    }

    @Override
    public void lateRating(long lateByMs) {
        lateRatings.increment();
    }

    @Override
    public void duplicateRating() {
        duplicates.increment();
    }

    @Override
    public void deadLettered() {
        deadLetters.increment();
    }

    @Override
    public void alreadyApplied() {
        alreadyApplied.increment();
    }

    @Override
    public void inputGap(long records) {
        inputGaps.increment(records);
        onInputGap.run();
    }

    @Override
    public void windowClosed(long windowEndMs) {
        windowsClosed.increment();
        closeDelay.record(Duration.ofMillis(Math.max(0, wallClock.getAsLong() - windowEndMs)));
    }
}
