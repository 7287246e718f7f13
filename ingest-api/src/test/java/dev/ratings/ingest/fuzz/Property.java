package dev.ratings.ingest.fuzz;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A property checked over generated samples: a small harness in place of a property-testing
 * library. Samples come from one seed (printed on failure; {@code -Dratings.property.seed=<seed>}
 * replays a run), and a failing sample is shrunk greedily, one smaller candidate at a time, within a
 * budget of checks, so that the report shows a small counterexample.
 *
 * @param <T> the sample type
 */
public final class Property<T> {

    /** A check of one sample: throws (usually an {@link AssertionError}) when the property fails. */
    public interface Check<T> {
        void verify(T sample) throws Exception;
    }

    private static final int SHRINK_BUDGET = 300;

    private final String name;
    private final Function<SplittableRandom, T> generator;
    private final Function<T, Stream<T>> smaller;
    private final Function<T, String> show;

    /**
     * @param smaller candidates smaller than a sample, most promising first
     * @param show a sample as it should appear in a failure report
     */
    public Property(
            String name,
            Function<SplittableRandom, T> generator,
            Function<T, Stream<T>> smaller,
            Function<T, String> show) {
        this.name = name;
        this.generator = generator;
        this.smaller = smaller;
        this.show = show;
    }

    /** Checks {@code tries} samples; the first failure is shrunk and reported with its seed. */
    public void check(int tries, Check<T> check) {
        long seed = Long.getLong("ratings.property.seed", new SplittableRandom().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            T sample = generator.apply(random.split());
            Throwable failure = failure(check, sample);
            if (failure != null) {
                Shrunk<T> shrunk = shrink(check, sample, failure);
                AssertionError report = new AssertionError(name + " failed on try " + i + " of " + tries + " (seed "
                        + seed + ", rerun with -Dratings.property.seed=" + seed + ")"
                        + "\n  sample:  " + show.apply(sample)
                        + "\n  shrunk in " + shrunk.steps + " steps to: " + show.apply(shrunk.sample)
                        + "\n  failure: " + shrunk.failure);
                report.addSuppressed(shrunk.failure);
                throw report;
            }
        }
    }

    private record Shrunk<T>(T sample, Throwable failure, int steps) {}

    private Shrunk<T> shrink(Check<T> check, T sample, Throwable failure) {
        T current = sample;
        Throwable currentFailure = failure;
        int checks = 0;
        int steps = 0;
        boolean progress = true;
        while (progress && checks < SHRINK_BUDGET) {
            progress = false;
            for (T candidate : (Iterable<T>) smaller.apply(current)::iterator) {
                if (++checks > SHRINK_BUDGET) {
                    break;
                }
                Throwable candidateFailure = failure(check, candidate);
                if (candidateFailure != null) {
                    current = candidate;
                    currentFailure = candidateFailure;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }

    private static <T> Throwable failure(Check<T> check, T sample) {
        try {
            check.verify(sample);
            return null;
        } catch (Exception | AssertionError e) {
            return e;
        }
    }
}
