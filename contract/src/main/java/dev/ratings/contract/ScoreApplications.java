package dev.ratings.contract;

import java.util.OptionalLong;

/**
 * Each generation is computed by its own Kafka Streams application, whose id is also the name of its
 * consumer group and the prefix of its internal topics. The sink watches these groups to decide when
 * a replay has caught up.
 */
public final class ScoreApplications {

    public static final String DEFAULT_PREFIX = "ratings-scores";

    private ScoreApplications() {}

    public static String applicationId(String prefix, long generation) {
        return prefix + "-g" + generation;
    }

    /** The generation an application id belongs to, if it is one of a generation. */
    public static OptionalLong generationOf(String prefix, String applicationId) {
        String start = prefix + "-g";
        if (!applicationId.startsWith(start)) {
            return OptionalLong.empty();
        }
        String number = applicationId.substring(start.length());
        return number.matches("[1-9][0-9]{0,17}") ? OptionalLong.of(Long.parseLong(number)) : OptionalLong.empty();
    }
}
