package dev.ratings.tools.replay;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns the successive statuses of a replay into the lines worth printing: each new phase, and
 * while it reads the history how far it is next to the live generation, at most every ten polls.
 */
final class ReplayProgress {

    private static final int POLLS_BETWEEN_COUNTS = 10;

    private String phase = "";
    private int polls;

    Optional<String> next(JsonNode status) {
        String now = status.path("phase").asString("");
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (!now.equals(phase)) {
            phase = now;
            polls = 0;
            return Optional.of(text(now));
        }
        JsonNode read = status.path("ratingsRecordsRead");
        JsonNode live = status.path("currentRatingsRecordsRead");
        if (now.equals("CATCHING_UP") && ++polls % POLLS_BETWEEN_COUNTS == 0 && read.isNumber() && live.isNumber()) {
            return Optional.of("read " + read.asLong() + " of the " + live.asLong()
                    + " ratings records the live generation has read");
        }
        return Optional.empty();
    }

    static String text(String phase) {
        return switch (phase) {
            case "CATCHING_UP" -> "reading the ratings history";
            case "WAITING_FOR_SINK" -> "caught up with the live generation; waiting for the sink to write its results";
            case "CURRENT" -> "current; the old generation is retired";
            case "RETIRED" -> "retired";
            default -> phase;
        };
    }
}
