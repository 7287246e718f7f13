package dev.ratings.contract;

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
}
