package dev.ratings.contract;

/** Kafka topic names: the only place they are spelled out. */
public final class Topics {

    /** Every accepted rating, forever: the replayable history. Key: post id. */
    public static final String RATINGS = "ratings";

    /** One record per (post, closed active window). Key: post id. */
    public static final String POST_RATING_WINDOWS = "post-rating-windows";

    /** Compacted: the latest window result of every post. Key: post id. */
    public static final String POST_SCORES = "post-scores";

    /**
     * One partition, kept forever: the life of each generation of scores (key: generation number),
     * a state machine checked by {@link GenerationLifecycle}. Consumers of the result topics read it
     * to know which generation is current.
     */
    public static final String SCORE_GENERATIONS = "score-generations";

    /**
     * Compacted: every post ever created, the source of truth for posts; PostgreSQL's {@code posts}
     * table is written from it. Key: post id.
     */
    public static final String POSTS = "posts";

    /** Suffix of the dead-letter topic of each input topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
