package dev.ratings.tools.chaos;

import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the client saw, per phase: the status of every attempt, the final answer of every rating
 * (accepted on a 202 at any attempt, failed with its last status otherwise) and which pairs were
 * accepted. Statuses are HTTP codes or {@code refused} (no connection), {@code timeout}, {@code io}
 * (the connection broke). Thread-safe: the load's senders record concurrently.
 */
public final class Tally {

    public static final String ACCEPTED = "202";

    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private final Map<Pair, String> finals = new HashMap<>();

    /** One phase's counts. */
    public static final class Phase {
        private final Map<String, Long> attempts = new TreeMap<>();
        private final Map<String, Long> failed = new TreeMap<>();
        private long accepted;

        public Map<String, Long> attempts() {
            return Map.copyOf(attempts);
        }

        /** Final answers other than 202, by last status. */
        public Map<String, Long> failed() {
            return Map.copyOf(failed);
        }

        public long accepted() {
            return accepted;
        }

        public long sent() {
            return accepted
                    + failed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public synchronized void attempt(String phase, String status) {
        phase(phase).attempts.merge(status, 1L, Long::sum);
    }

    /** The final answer of one rating: its last status. */
    public synchronized void finish(String phase, Pair pair, String status) {
        Phase counts = phase(phase);
        if (status.equals(ACCEPTED)) {
            counts.accepted++;
        } else {
            counts.failed.merge(status, 1L, Long::sum);
        }
        if (finals.putIfAbsent(pair, status) != null) {
            throw new IllegalStateException("the schedule sent " + pair + " twice");
        }
    }

    public synchronized Phase phase(String name) {
        return phases.computeIfAbsent(name, ignored -> new Phase());
    }

    /** Every pair sent, with its final status. */
    public synchronized Map<Pair, String> finals() {
        return Map.copyOf(finals);
    }
}
