package dev.ratings.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time from {@code /proc}, in clock ticks: per process, utime + stime + the same of its reaped
 * children ({@code /proc/<pid>/stat} fields 14-17), and the machine's busy time ({@code /proc/stat},
 * user + nice + system + irq + softirq). A snapshot is a line {@code <part>=<ticks> ...}, so that the
 * script can keep it between two calls.
 */
final class CpuTicks {

    /** USER_HZ, the unit of /proc's times: 100 on every Linux the bench runs on. */
    static final int HZ = 100;

    private CpuTicks() {}

    /** The process's ticks, empty when it is gone. */
    static OptionalLong ofProcess(long pid) {
        try {
            return OptionalLong.of(parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Fields 14-17 of a stat line; counted after the command name, which may hold spaces. */
    static long parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (the state)
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    static long machine() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            return parseMachine(
                    lines.filter(line -> line.startsWith("cpu ")).findFirst().orElseThrow());
        }
    }

    static long parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        return Long.parseLong(f[1])
                + Long.parseLong(f[2])
                + Long.parseLong(f[3])
                + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
    }

    /** Every process whose command name (/proc/<pid>/comm) is this one, summed: postgres' backends. */
    static long ofCommand(String command) {
        return ProcessHandle.allProcesses()
                .filter(process -> command.equals(comm(process.pid())))
                .mapToLong(process -> ofProcess(process.pid()).orElse(0))
                .sum();
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }

    static String line(Map<String, Long> parts) {
        StringBuilder line = new StringBuilder();
        parts.forEach((name, ticks) ->
                line.append(line.isEmpty() ? "" : " ").append(name).append('=').append(ticks));
        return line.toString();
    }

    static Map<String, Long> parse(String line) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals), Long.parseLong(part.substring(equals + 1)));
            }
        }
        return parts;
    }

    /**
     * "<part> <ms>, ..., other <ms>; cores <n> % busy": CPU milliseconds per request of each part that
     * used any between two snapshots, the rest of the machine as "other", and how busy the cores were.
     */
    static String perRequest(String before, String after, long requests, double seconds, int cores) {
        Map<String, Long> start = parse(before);
        StringBuilder out = new StringBuilder();
        long parts = 0;
        long busy = 0;
        for (Map.Entry<String, Long> part : parse(after).entrySet()) {
            long used = part.getValue() - start.getOrDefault(part.getKey(), 0L);
            if (part.getKey().equals("machine")) {
                busy = used;
                continue;
            }
            parts += used;
            if (used > 0) {
                out.append(String.format(Locale.ROOT, "%s %.2f, ", part.getKey(), used * 1000.0 / HZ / requests));
            }
        }
        return out
                + String.format(
                        Locale.ROOT, "other %.2f; cores %d %% busy", (busy - parts) * 1000.0 / HZ / requests, (long)
                                (busy / (double) HZ / seconds / cores * 100));
    }

    /**
     * Cores each process used on average between two instants, from sampler lines "<ms> <part>=<ticks>
     * ... machine=<ticks>" (the first sample at or after {@code fromMs}, the last at or before {@code
     * toMs}), "other" being the rest of the machine; "n/a" without two samples in between.
     */
    static String coresUsed(Iterable<String> samples, long fromMs, long toMs) {
        String first = null;
        String last = null;
        long t0 = 0;
        long t1 = 0;
        for (String sample : samples) {
            String[] split = sample.trim().split("\\s+", 2);
            if (split.length < 2) {
                continue;
            }
            long at = Long.parseLong(split[0]);
            if (at >= fromMs && first == null) {
                first = split[1];
                t0 = at;
            }
            if (at <= toMs) {
                last = split[1];
                t1 = at;
            }
        }
        if (first == null || last == null || t1 <= t0) {
            return "n/a";
        }
        Map<String, Long> a = parse(first);
        Map<String, Long> b = parse(last);
        double seconds = (t1 - t0) / 1000.0;
        StringBuilder out = new StringBuilder();
        double parts = 0;
        for (Map.Entry<String, Long> part : b.entrySet()) {
            if (part.getKey().equals("machine") || !a.containsKey(part.getKey())) {
                continue;
            }
            double used = (part.getValue() - a.get(part.getKey())) / (double) HZ;
            parts += used;
            if (used > 0) {
                out.append(String.format(Locale.ROOT, "%s %.2f, ", part.getKey(), used / seconds));
            }
        }
        double machine = (b.getOrDefault("machine", 0L) - a.getOrDefault("machine", 0L)) / (double) HZ;
        return out + String.format(Locale.ROOT, "other %.2f (cores)", (machine - parts) / seconds);
    }
}
