package dev.ratings.tools.chaos;

import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The proof, from the client's tally and what the system holds: one table row per phase, the
 * problems (a 202 lost or counted twice, a window twice, a status no document promises) and the
 * targets missed (a window later than grace + 30 s). Pure: the numbers in, the findings out.
 */
public record Verdict(List<Row> rows, List<String> problems, List<String> missedTargets) {

    /** Statuses that are part of the API's contract under faults (docs/api.md): retried, then counted as failed. */
    static final Set<String> DOCUMENTED_FAILURES = Set.of("503", "409", "429", "refused", "timeout", "io");

    /** How late a window may reach PostgreSQL after its end, beyond grace (issue 10). */
    static final Duration FRESHNESS_ALLOWANCE = Duration.ofSeconds(30);

    /** One line of the table. */
    public record Row(
            String fault,
            long sent,
            Map<String, Long> failed,
            Freshness freshness,
            long accepted,
            long counted,
            long acceptedButMissing) {}

    public boolean passed() {
        return problems.isEmpty();
    }

    public static Verdict of(List<PhaseRecord> phases, Tally tally, Evidence evidence, Duration grace) {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        Map<Pair, String> finals = tally.finals();
        for (PhaseRecord phase : phases) {
            Tally.Phase counts = tally.phase(phase.name());
            Freshness freshness = Freshness.of(evidence.seen(), phase.faultAtMs(), phase.endAtMs(), grace.toMillis());
            long counted = phase.posts().stream()
                    .mapToLong(post -> evidence.countedPerPost().getOrDefault(post, 0L))
                    .sum();
            long missing = count(
                    finals,
                    evidence,
                    phase,
                    (pair) -> Tally.ACCEPTED.equals(finals.get(pair))
                            && evidence.logEvents().getOrDefault(pair, 0) == 0);
            rows.add(new Row(
                    phase.name(), counts.sent(), counts.failed(), freshness, counts.accepted(), counted, missing));
            counts.attempts().forEach((status, n) -> {
                if (!status.equals(Tally.ACCEPTED) && !DOCUMENTED_FAILURES.contains(status)) {
                    problems.add(phase.name() + ": " + n + " answers " + status + " (not a documented failure)");
                }
            });
            if (missing > 0) {
                problems.add(phase.name() + ": " + missing + " ratings answered 202 are not in the ratings log (lost)");
            }
            freshness.slowestMs().ifPresent(slowest -> {
                if (slowest > grace.plus(FRESHNESS_ALLOWANCE).toMillis()) {
                    missed.add(phase.name() + ": a window reached PostgreSQL " + seconds(slowest)
                            + " s after its end (target: grace + 30 s = "
                            + grace.plus(FRESHNESS_ALLOWANCE).toSeconds() + " s)");
                }
            });
        }
        problems.addAll(twiceInTheLog(finals, evidence));
        problems.addAll(answeredNoButCounted(finals, evidence));
        problems.addAll(countsOffTheLog(phases, evidence));
        evidence.topicWindows().forEach((window, n) -> {
            if (n > 1) {
                problems.add("post-rating-windows holds window " + window + " " + n + " times");
            }
        });
        if (evidence.duplicateRows() > 0) {
            problems.add("PostgreSQL holds " + evidence.duplicateRows() + " extra rows for a (post, window start)");
        }
        return new Verdict(List.copyOf(rows), List.copyOf(problems), List.copyOf(missed));
    }

    private static long count(
            Map<Pair, String> finals, Evidence evidence, PhaseRecord phase, Predicate<Pair> predicate) {
        Set<Long> posts = Set.copyOf(phase.posts());
        return finals.keySet().stream()
                .filter(pair -> posts.contains(pair.post()))
                .filter(predicate)
                .count();
    }

    /** A pair the schedule sent once but the log holds more than once: a retry published it again. */
    private static List<String> twiceInTheLog(Map<Pair, String> finals, Evidence evidence) {
        Map<String, Long> byFinal = new TreeMap<>();
        List<Pair> examples = new ArrayList<>();
        evidence.logEvents().forEach((pair, n) -> {
            if (n > 1) {
                byFinal.merge(finals.getOrDefault(pair, "never sent"), 1L, Long::sum);
                if (examples.size() < 3) {
                    examples.add(pair);
                }
            }
        });
        return byFinal.isEmpty()
                ? List.of()
                : List.of("ratings counted twice (in the ratings log more than once), by the client's final answer: "
                        + byFinal + "; e.g. " + examples);
    }

    /** A rating answered with an HTTP error (503 says "nothing was accepted") that the log holds anyway. */
    private static List<String> answeredNoButCounted(Map<Pair, String> finals, Evidence evidence) {
        Map<String, Long> byFinal = new TreeMap<>();
        finals.forEach((pair, status) -> {
            if (!status.equals(Tally.ACCEPTED)
                    && Character.isDigit(status.charAt(0))
                    && evidence.logEvents().getOrDefault(pair, 0) > 0) {
                byFinal.merge(status, 1L, Long::sum);
            }
        });
        return byFinal.isEmpty()
                ? List.of()
                : List.of("ratings refused with an HTTP error but in the ratings log, by status: " + byFinal);
    }

    /** The pipeline itself: per post, PostgreSQL counts exactly the events the log holds. */
    private static List<String> countsOffTheLog(List<PhaseRecord> phases, Evidence evidence) {
        Map<Long, Long> inLog = new TreeMap<>();
        evidence.logEvents().forEach((pair, n) -> inLog.merge(pair.post(), (long) n, Long::sum));
        List<String> off = new ArrayList<>();
        for (PhaseRecord phase : phases) {
            for (long post : phase.posts()) {
                long log = inLog.getOrDefault(post, 0L);
                long counted = evidence.countedPerPost().getOrDefault(post, 0L);
                if (log != counted) {
                    off.add(phase.name() + ": post " + post + " has " + log + " rating events in the log, " + counted
                            + " counted in PostgreSQL's current generation");
                }
            }
        }
        return off;
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    static String seconds(OptionalLong millis) {
        return millis.isPresent() ? seconds(millis.getAsLong()) + " s" : "–";
    }
}
