package dev.ratings.bench.jmh;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.DecayV1;
import dev.ratings.stream.score.RaterState;
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
 * The {@code decay-v1} arithmetic the stream processor runs: per rating when a window closes (a
 * user's latest rating replaces their current one), and per window (carry the previous score over
 * the silent windows, weigh, apply every rater, finish).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecayV1Benchmark {

    private static final ScoreParameters PARAMETERS = ScoreParameters.DEFAULTS;
    private static final long WINDOW_MS = PARAMETERS.windowSizeMs();

    /** Raters in a closing window: a quiet post, and a busy one. */
    @Param({"10", "1000"})
    int raters;

    private DecayV1 decay;
    private WindowResult previous;
    private int[] ratings;
    private RaterState[] current;
    private DecayV1.WindowClose open;

    @Setup(Level.Trial)
    public void setUp() {
        decay = new DecayV1(PARAMETERS);
        previous = WindowResult.of(
                7,
                0,
                new WindowResult.Counts(40, 10, 500, 1700, 3.4),
                new WindowResult.State(1, 40, 480, 1630, 3.4, 3.2),
                null,
                PARAMETERS,
                1);
        SplittableRandom random = new SplittableRandom(1);
        ratings = new int[raters];
        current = new RaterState[raters];
        for (int i = 0; i < raters; i++) {
            ratings[i] = random.nextInt(6);
            // half the raters re-rate: they have a current rating from an earlier window
            current[i] = i % 2 == 0 ? new RaterState(random.nextInt(6), 0.8) : null;
        }
        open = decay.startClose(previous, 3 * WINDOW_MS, raters);
    }

    /** One rater of a closing window. */
    @Benchmark
    public RaterState perRating() {
        return open.apply(current[raters / 2], ratings[raters / 2]);
    }

    /** A whole window of a post: start, every rater, finish. */
    @Benchmark
    public WindowScore perWindow() {
        DecayV1.WindowClose close = decay.startClose(previous, 3 * WINDOW_MS, raters);
        for (int i = 0; i < raters; i++) {
            close.apply(current[i], ratings[i]);
        }
        return close.finish();
    }
}
