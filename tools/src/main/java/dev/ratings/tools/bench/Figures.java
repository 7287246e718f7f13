package dev.ratings.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the table writes its numbers: ratios, factors, percentages and medians, "n/a" where undefined. */
final class Figures {

    private Figures() {}

    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** a / b with two decimals. */
    static String ratio(double a, double b) {
        return b > 0 && !Double.isNaN(a) ? fixed(a / b, 2) : "n/a";
    }

    /** How many times a is b: "3.4×" below ten, "120×" above. */
    static String factor(double a, double b) {
        if (!(b > 0)) {
            return "∞ (none)";
        }
        double factor = a / b;
        return factor < 10 ? fixed(factor, 1) + "×" : fixed(factor, 0) + "×";
    }

    /** a as a percentage of b. */
    static String pct(double a, double b) {
        return b > 0 && !Double.isNaN(a) ? fixed(100 * a / b, 0) + " %" : "n/a";
    }

    /** The middle value (the lower one of an even count), as the script's median did; NaN for none. */
    static double median(List<Double> values) {
        double[] sorted = values.stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        return sorted[(sorted.length + 1) / 2 - 1];
    }

    /** A number as the script wrote it: without ".0" when whole. */
    static String plain(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : fixed(value, 2);
    }
}
