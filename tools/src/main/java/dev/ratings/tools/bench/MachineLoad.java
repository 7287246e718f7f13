package dev.ratings.tools.bench;

import dev.ratings.tools.Args;
import dev.ratings.tools.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How busy the machine was around one bench phase, from the samples of {@code /proc/loadavg} the
 * script took ({@code before|during <1-min load average> <threads runnable>}, five before the
 * phase's own work starts, one every 2 s during it), and whether the phase is <em>disturbed</em>:
 *
 * <ul>
 *   <li>before the phase, more threads were runnable (on average over the five samples) than there
 *       are cores: other work kept the cores busy while the bench itself was idle; or
 *   <li>during the phase, the mean of the threads runnable exceeded the cores plus the threads the
 *       phase itself is expected to keep busy ({@code own}).
 * </ul>
 *
 * The rule uses the runnable count (the fourth field of {@code /proc/loadavg}, less the sampling
 * shell) rather than the 1-minute load average, which is shown too: the average still carries the
 * previous phase's own load for a minute or more, so right after a busy phase it would mark a quiet
 * machine as disturbed.
 */
record MachineLoad(
        int cores,
        int own,
        double runnableBefore,
        double averageBefore,
        double runnableMean,
        double runnableMax,
        double averageMax,
        int samples) {

    static MachineLoad of(List<String> lines, int cores, int own) {
        List<double[]> before = new ArrayList<>();
        List<double[]> during = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3) {
                continue;
            }
            // the sampling shell is runnable while it reads the file
            double[] sample = {Double.parseDouble(fields[1]), Math.max(0, Double.parseDouble(fields[2]) - 1)};
            (fields[0].equals("before") ? before : during).add(sample);
        }
        if (before.isEmpty()) {
            throw new ToolException("no load sample taken before the phase");
        }
        return new MachineLoad(
                cores,
                own,
                mean(before, 1),
                before.get(0)[0],
                mean(during, 1),
                max(during, 1),
                max(during, 0),
                during.size());
    }

    /** Why the phase's figures are not to be trusted, or "" when nothing says so. */
    String disturbance() {
        if (runnableBefore > cores) {
            return f("%.1f threads runnable on %d cores before the phase", runnableBefore, cores);
        }
        if (samples > 0 && runnableMean > cores + own) {
            return f(
                    "%.1f threads runnable on average during the phase, on %d cores + %d of its own",
                    runnableMean, cores, own);
        }
        return "";
    }

    String summary() {
        String during = samples == 0
                ? "no sample during"
                : f(
                        "during: mean %.1f / max %.0f runnable (%d samples; expected of its own %d), load average up to %.2f",
                        runnableMean, runnableMax, samples, own, averageMax);
        return f(
                "before: %.1f runnable, load average %.2f; %s; %d cores", runnableBefore, averageBefore, during, cores);
    }

    /**
     * {@code load --results F --phase P --log load-P.log --cores N --own M}: writes {@code load_P}
     * (the summary) and {@code load_P_disturbed} (the reason, or empty).
     */
    static void run(Args args) throws IOException {
        Results results = Results.in(Path.of(args.text("results")));
        String phase = args.text("phase");
        MachineLoad load =
                of(Files.readAllLines(Path.of(args.text("log"))), (int) args.number("cores"), (int) args.number("own"));
        results.put("load_" + phase, load.summary());
        String disturbance = results.put("load_" + phase + "_disturbed", load.disturbance());
        System.out.println("    machine load, " + phase + ": " + load.summary()
                + (disturbance.isEmpty() ? "" : " — DISTURBED: " + disturbance));
    }

    private static double mean(List<double[]> samples, int field) {
        return samples.stream().mapToDouble(sample -> sample[field]).average().orElse(0);
    }

    private static double max(List<double[]> samples, int field) {
        return samples.stream().mapToDouble(sample -> sample[field]).max().orElse(0);
    }

    private static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
