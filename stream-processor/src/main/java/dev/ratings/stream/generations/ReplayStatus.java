package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.ScoreParameters;

/**
 * What the replay API reports about a generation; instants are epoch milliseconds.
 *
 * @param phase CATCHING_UP, WAITING_FOR_SINK or CURRENT; UNKNOWN for a generation this instance did
 *     not replay
 * @param ratingsRecordsRead records of {@code ratings} the generation has read, heartbeats included
 * @param ratingsRead rating events it has read since this instance started it
 * @param windowsEmitted window results it has emitted since this instance started it
 */
public record ReplayStatus(
        long generation,
        String state,
        String phase,
        ScoreParameters parameters,
        long graceMs,
        Long startedAt,
        Long caughtUpAt,
        Long activatedAt,
        Long ratingsRecordsRead,
        Long ratingsRead,
        Long windowsEmitted) {

    static ReplayStatus unknownProgress(GenerationEvent event) {
        return new ReplayStatus(
                event.generation(),
                event.state().name(),
                "UNKNOWN",
                event.parameters(),
                event.graceMs(),
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
