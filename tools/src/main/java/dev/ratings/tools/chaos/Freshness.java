package dev.ratings.tools.chaos;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * How fresh PostgreSQL stayed around one fault, from when each window was first seen there.
 *
 * @param freshAfterMs from the fault until the first window that ended after it was in PostgreSQL
 *     (without a fault, the next window end plus grace plus about a second)
 * @param slowestMs the longest a window took from its end to PostgreSQL, over the windows due during
 *     the phase: those ending after {@code fault − grace} (still open at the fault) up to its end. The
 *     issue's target is grace + 30 s.
 */
public record Freshness(OptionalLong freshAfterMs, OptionalLong slowestMs) {

    /** A window of a post, and when the watch first saw it in PostgreSQL. */
    public record SeenWindow(long post, long windowEndMs, long firstSeenMs) {}

    public static Freshness of(Collection<SeenWindow> seen, long faultMs, long phaseEndMs, long graceMs) {
        OptionalLong freshAfter = seen.stream()
                .filter(window -> window.windowEndMs() > faultMs)
                .mapToLong(window -> window.firstSeenMs() - faultMs)
                .min();
        OptionalLong slowest = seen.stream()
                .filter(window -> window.windowEndMs() > faultMs - graceMs && window.windowEndMs() <= phaseEndMs)
                .mapToLong(window -> window.firstSeenMs() - window.windowEndMs())
                .max();
        return new Freshness(freshAfter, slowest);
    }
}
