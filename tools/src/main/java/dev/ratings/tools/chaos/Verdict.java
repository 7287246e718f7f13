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
 * problems (a 202 lost or counted twice, a window twice, a status no document promises), the
 * targets missed (a window later than grace + 30 s) and notes (what the proof allows but a reader
 * should know). Pure: the numbers in, the findings out.
 */
public record Verdict(List<Row> rows, List<String> problems, List<String> missedTargets, List<String> notes) {

    /** Statuses that are part of the API's contract under faults (docs/api.md): retried, then counted as failed. */
    static final Set<String> DOCUMENTED_FAILURES = Set.of("503", "409", "429", "refused", "timeout", "io");

    /** How late a window may reach PostgreSQL after its end, beyond grace (issue 10). */
    static final Duration FRESHNESS_ALLOWANCE = Duration.ofSeconds(30);

    /** One line of the table. */
    public record Row(
            String fault,
            long sent,
            Map<String, Long> failed,
            Map<String, Long> answeredOtherThan202,
            Freshness freshness,
            long accepted,
            long counted,
            long acceptedButMissing) {}

    /** Every answer but a 202, retried or final: a 503 the client's retry turned into a 202 counts here. */
    static Map<String, Long> notAccepted(Map<String, Long> attempts) {
        Map<String, Long> answers = new TreeMap<>(attempts);
        answers.remove(Tally.ACCEPTED);
        return answers;
    }

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
            Map<String, Long> answers = notAccepted(counts.attempts());
            rows.add(new Row(
                    phase.name(),
                    counts.sent(),
                    counts.failed(),
                    answers,
                    freshness,
                    counts.accepted(),
                    counted,
                    missing));
            answers.forEach((status, n) -> {
                if (!DOCUMENTED_FAILURES.contains(status)) {
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
        List<String> notes = new ArrayList<>(answeredNoButCounted(finals, evidence));
        if (evidence.republished() > 0) {
            notes.add(evidence.republished() + " records in the ratings log repeat an event already there (a retry"
                    + " with the same key published it again); the stream processor counted each event once");
        }
        problems.addAll(countsOffTheLog(phases, evidence));
        evidence.topicWindows().forEach((window, n) -> {
            if (n > 1) {
                problems.add("post-rating-windows holds window " + window + " " + n + " times");
            }
        });
        for (ReplayComparison replay : evidence.replays()) {
            if (replay.identical()) {
                notes.add("a second replay with the same parameters (generation " + replay.second()
                        + ") reproduced all " + replay.compared() + " windows of the run's posts in generation "
                        + replay.first() + ": the same counts, scores within " + ReplayComparison.TOLERANCE);
            } else {
                problems.add("a second replay with the same parameters (generation " + replay.second()
                        + ") did not reproduce " + replay.differing() + " of " + replay.compared()
                        + " windows of generation " + replay.first() + ", e.g. " + replay.differences());
            }
        }
        if (evidence.duplicateRows() > 0) {
            problems.add("PostgreSQL holds " + evidence.duplicateRows() + " extra rows for a (post, window start)");
        }
        return new Verdict(List.copyOf(rows), List.copyOf(problems), List.copyOf(missed), List.copyOf(notes));
    }

    private static long count(
            Map<Pair, String> finals, Evidence evidence, PhaseRecord phase, Predicate<Pair> predicate) {
        Set<Long> posts = Set.copyOf(phase.posts());
        return finals.keySet().stream()
                .filter(pair -> posts.contains(pair.post()))
                .filter(predicate)
                .count();
    }

    /** A pair the schedule sent once but the log holds as two different events (two ratingIds). */
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
                : List.of(
                        "ratings counted twice (two different events in the ratings log), by the client's final answer: "
                                + byFinal + "; e.g. " + examples);
    }

    /**
     * A rating whose client gave up (its last answer an error) that reached the log anyway: allowed —
     * a 503 or a timeout cannot know whether the broker took the record, which is why a retry with
     * the same key publishes the same event and is counted once (docs/api.md) — but worth knowing.
     */
    private static List<String> answeredNoButCounted(Map<Pair, String> finals, Evidence evidence) {
        Map<String, Long> byFinal = new TreeMap<>();
        finals.forEach((pair, status) -> {
            if (!status.equals(Tally.ACCEPTED) && evidence.logEvents().getOrDefault(pair, 0) > 0) {
                byFinal.merge(status, 1L, Long::sum);
            }
        });
        return byFinal.isEmpty()
                ? List.of()
                : List.of("ratings whose client gave up after its retries but which reached the log and count once,"
                        + " by last answer: " + byFinal
                        + " (one more retry with the same key would have got their 202)");
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
