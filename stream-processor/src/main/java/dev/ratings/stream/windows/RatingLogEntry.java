package dev.ratings.stream.windows;

import dev.ratings.contract.RatingEvent;

/** A usable record of the {@code ratings} log: a rating, or a heartbeat that only moves time on. */
sealed interface RatingLogEntry {

    record Rating(RatingEvent event) implements RatingLogEntry {}

    enum Heartbeat implements RatingLogEntry {
        INSTANCE
    }
}
