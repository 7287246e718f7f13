package dev.ratings.sink.kafka;

/** Consumer groups of the sink beyond {@code spring.kafka.consumer.group-id} (the window results'). */
public final class SinkGroups {

    /** Reads {@code posts}: a group of its own, so the window results' group holds only theirs. */
    public static final String POSTS = "ratings-sink-posts";

    private SinkGroups() {}
}
