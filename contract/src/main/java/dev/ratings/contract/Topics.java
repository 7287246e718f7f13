package dev.ratings.contract;

/** Kafka topic names: the only place they are spelled out. */
public final class Topics {

    /** Every accepted rating, forever: the replayable history. Key: post id. */
    public static final String RATINGS = "ratings";

    /** One record per (post, closed active window). Key: post id. */
    public static final String POST_RATING_WINDOWS = "post-rating-windows";

    /** Compacted: the latest window result of every post. Key: post id. */
    public static final String POST_SCORES = "post-scores";

    /** Suffix of the dead-letter topic of each input topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
