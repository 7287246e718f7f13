package dev.ratings.stream.generations;

import dev.ratings.contract.GenerationLifecycle.Generation;
import dev.ratings.contract.ScoreParameters;

/**
 * What the replay API reports about a generation, from {@code score-generations} and the consumer
 * groups on the broker, so that every instance gives the same answer. Instants are epoch
 * milliseconds (the log's record timestamps).
 *
 * @param state BUILDING, CURRENT or RETIRED
 * @param phase CATCHING_UP (reading the history), WAITING_FOR_SINK (read as far as the current
 *     generation; the sink promotes it once its results are written), CURRENT, or RETIRED (replaced
 *     by a newer generation, or abandoned while being built)
 * @param startedAt when the replay was requested; null for a first generation
 * @param activatedAt when it became current; null if it never did
 * @param retiredAt when it was retired; null if it is not
 * @param ratingsRecordsRead records of {@code ratings} its Kafka Streams group has read (committed
 *     offsets, heartbeats included); null once retired
 * @param currentRatingsRecordsRead the same for the current generation, to compare with
 */
public record ReplayStatus(
        long generation,
        String state,
        String phase,
        ScoreParameters parameters,
        long graceMs,
        Long startedAt,
        Long activatedAt,
        Long retiredAt,
        Long ratingsRecordsRead,
        Long currentRatingsRecordsRead) {

    static ReplayStatus of(
            Generation generation,
            GenerationFollower.Times times,
            boolean caughtUp,
            Long recordsRead,
            Long currentRecordsRead) {
        String phase = switch (generation.state()) {
            case BUILDING -> caughtUp ? "WAITING_FOR_SINK" : "CATCHING_UP";
            case CURRENT -> "CURRENT";
            case RETIRED -> "RETIRED";
        };
        return new ReplayStatus(
                generation.number(),
                generation.state().name(),
                phase,
                generation.startedBy().parameters(),
                generation.startedBy().graceMs(),
                times.startedAt(),
                times.activatedAt(),
                times.retiredAt(),
                recordsRead,
                currentRecordsRead);
    }
}
