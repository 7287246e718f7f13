package dev.ratings.tools.chaos;

import java.util.List;

/**
 * One phase of a run as it happened: its fault (or the baseline), the posts its ratings went to, when
 * the fault struck (the start of the phase for the baseline) and when the phase ended.
 */
public record PhaseRecord(String name, List<Long> posts, long faultAtMs, long endAtMs) {

    public PhaseRecord {
        posts = List.copyOf(posts);
    }
}
