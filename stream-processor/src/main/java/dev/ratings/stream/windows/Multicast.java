package dev.ratings.stream.windows;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * How the repartition topics of decay-v2 are written: a rating to the partition of its key, as
 * usual; a watermark to every partition (multicast, KIP-837), so that each task of the next stage
 * hears from each task of this one, in order after the ratings it sent it.
 */
final class Multicast<K> implements StreamPartitioner<K, Windowed> {

    /** The key of watermarks by user (no user id is empty). */
    static final String WATERMARK_USER = "";

    /** The key of watermarks by post (post ids are positive). */
    static final long WATERMARK_POST = 0;

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, Windowed value, int numPartitions) {
        if (value instanceof Windowed.Watermark) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.empty();
    }
}
