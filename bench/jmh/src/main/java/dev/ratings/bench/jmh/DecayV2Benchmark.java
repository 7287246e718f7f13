package dev.ratings.bench.jmh;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.DecayV2;
import dev.ratings.stream.score.RaterHistory;
import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.score.Trust;
import dev.ratings.stream.score.WindowScore;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code decay-v2} arithmetic beside {@link DecayV1Benchmark}: per rating when a window closes
 * (with its trust, half the raters on probation), per window, and the user stage's trust of one
 * rating from a rater's history.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecayV2Benchmark {

    private static final ScoreParameters PARAMETERS = ScoreParameters.DECAY_V2_DEFAULTS;
    private static final long WINDOW_MS = PARAMETERS.windowSizeMs();

    /** Raters in a closing window: a quiet post, and a busy one. */
    @Param({"10", "1000"})
    int raters;

    private DecayV2 decay;
    private WindowResult previous;
    private int[] ratings;
    private Trust[] trust;
    private RaterState[] current;
    private DecayV2.WindowClose open;
    private RaterHistory history;

    @Setup(Level.Trial)
    public void setUp() {
        decay = new DecayV2(PARAMETERS);
        previous = WindowResult.of(
                7,
                0,
                new WindowResult.Counts(40, 10, 500, 1700, 3.4),
                new WindowResult.State(1, 30, 480, 1630, 3.4, 3.2),
                new WindowResult.Pools(30, 10, 1, 10, 450, 1530, 30, 100, 1),
                PARAMETERS,
                1);
        SplittableRandom random = new SplittableRandom(1);
        ratings = new int[raters];
        trust = new Trust[raters];
        current = new RaterState[raters];
        for (int i = 0; i < raters; i++) {
            ratings[i] = random.nextInt(6);
            trust[i] = i % 2 == 0 ? Trust.TRUSTED : Trust.probation(0.05 + random.nextDouble() * 0.9);
            // half the raters re-rate: they have a current rating from an earlier window
            current[i] = i % 4 < 2 ? new RaterState(random.nextInt(6), 0.8, i % 4 == 1) : null;
        }
        open = decay.startClose(previous, 3 * WINDOW_MS, raters / 2, raters - raters / 2);
        history = RaterHistory.NONE;
        for (long post = 2; post < 9; post++) {
            history = history.with(post * WINDOW_MS, post, decay.historyPosts());
        }
    }

    /** One rater of a closing window. */
    @Benchmark
    public RaterState perRatingDecayV2() {
        return open.apply(current[raters / 2], ratings[raters / 2], trust[raters / 2]);
    }

    /** A whole window of a post: start, every rater, finish. */
    @Benchmark
    public WindowScore perWindowDecayV2() {
        DecayV2.WindowClose close = decay.startClose(previous, 3 * WINDOW_MS, raters / 2, raters - raters / 2);
        for (int i = 0; i < raters; i++) {
            close.apply(current[i], ratings[i], trust[i]);
        }
        return close.finish();
    }

    /** The trust stage's work per rating: a rater's trust from their history. */
    @Benchmark
    public Trust trustOfARating() {
        return decay.trustOf(history, 10 * WINDOW_MS, 1);
    }
}
