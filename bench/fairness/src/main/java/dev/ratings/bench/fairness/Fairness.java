package dev.ratings.bench.fairness;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code ./ratings fairness}: replays the attack scenarios of issue 14 and a genuine change of
 * opinion through the real decay-v1 and decay-v2 classes, and prints one markdown table: for each
 * attack the largest drop of the shown score in the 12 windows after it starts (plain mean of the
 * raters' current ratings beside the two scores), for the genuine change the windows it takes the
 * shown score to follow it 90 % of the way. The assumptions are {@link World}'s.
 */
public final class Fairness {

    static final int MEASURED_WINDOWS = 12;
    static final double FOLLOWED = 0.9;
    static final long SEED = 14;

    /** The rows of the table, in order. */
    static final List<Scenario> SCENARIOS = List.of(
            Scenario.attack("burst: 1000 fresh accounts rate 0 in one window", (window, attack) -> {
                if (window == 0) {
                    attack.fresh(1000, 0);
                }
            }),
            Scenario.attack("mixed burst: 1000 fresh accounts rate 0 or 1 in one window", (window, attack) -> {
                if (window == 0) {
                    attack.freshZeroOrOne(1000);
                }
            }),
            Scenario.attack("drip: 50 fresh accounts rate 0 every window for 12 windows", (window, attack) -> {
                if (window < 12) {
                    attack.fresh(50, 0);
                }
            }),
            Scenario.attack("sybil flood: 200 fresh accounts rate 0 every window for 24 windows", (window, attack) -> {
                if (window < 24) {
                    attack.fresh(200, 0);
                }
            }),
            Scenario.attack(
                    "aged accounts (older than A, no other post rated): 10 rate 0 every window for 10 windows",
                    (window, attack) -> {
                        if (window < 10) {
                            attack.aged(10, 0);
                        }
                    }),
            Scenario.attack(
                    "aged farmed accounts (older than A, D other posts rated): 5 rate 0 every window for 10 windows",
                    (window, attack) -> {
                        if (window < 10) {
                            attack.farmed(5, 0);
                        }
                    }),
            new Scenario(
                    "genuine shift: the post's raters re-rate about 1 within two windows, newcomers too: windows to follow 90 %",
                    false, (window, world, ratings, raters) -> {
                        int before = World.WARM_UP * World.ORGANIC_PER_WINDOW;
                        if (window < 2) {
                            for (int i = window; i < before; i += 2) {
                                ratings.add(new World.Rating(raters.get(i), world.changedRating()));
                            }
                        }
                    }));

    private Fairness() {}

    public static void main(String[] args) {
        System.out.print(table());
    }

    /** The markdown table. */
    static String table() {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | plain mean | decay-v1 | decay-v2 |\n|---|---|---|---|\n");
        for (Scenario scenario : SCENARIOS) {
            Simulation.Series series = Simulation.run(scenario.windows(SEED));
            Function<double[], String> measure = scenario.attack()
                    ? values -> String.format(Locale.ROOT, "%.2f", largestDrop(values, World.WARM_UP))
                    : values -> windowsToFollow(values, World.WARM_UP, series.plainMean()[values.length - 1]);
            table.append("| ")
                    .append(scenario.name())
                    .append(" | ")
                    .append(measure.apply(series.plainMean()))
                    .append(" | ")
                    .append(measure.apply(series.decayV1()))
                    .append(" | ")
                    .append(measure.apply(series.decayV2()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** How far the value fell below where it stood before window {@code start}, at worst, in the windows measured. */
    static double largestDrop(double[] values, int start) {
        double before = values[start - 1];
        double drop = 0;
        for (int window = start; window < Math.min(values.length, start + MEASURED_WINDOWS); window++) {
            drop = Math.max(drop, before - values[window]);
        }
        return drop;
    }

    /**
     * The windows from {@code start} (counted from 1) until the value has come {@value #FOLLOWED} of
     * the way from where it stood before to {@code target} and stays there; "more than N" when it
     * does not within the simulated windows.
     */
    static String windowsToFollow(double[] values, int start, double target) {
        double allowed = (1 - FOLLOWED) * Math.abs(values[start - 1] - target);
        int followedFrom = -1;
        for (int window = start; window < values.length; window++) {
            boolean close = Math.abs(values[window] - target) <= allowed;
            if (close && followedFrom < 0) {
                followedFrom = window;
            } else if (!close) {
                followedFrom = -1;
            }
        }
        return followedFrom < 0 ? "more than " + (values.length - start) : Integer.toString(followedFrom - start + 1);
    }
}
