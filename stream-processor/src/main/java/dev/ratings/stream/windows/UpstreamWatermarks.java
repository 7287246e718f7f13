package dev.ratings.stream.windows;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How far every partition of the stage before has come, from its watermarks: the minimum over all
 * of them is the time up to which this task has seen everything. Kept in a store, so that a
 * restarted or moved task knows it without waiting for new watermarks.
 */
final class UpstreamWatermarks {

    /** The minimum while some partition has not been heard from. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** The key under which the number of upstream partitions is kept. */
    private static final int SOURCES = -1;

    private final KeyValueStore<Integer, Long> store;
    private final Map<Integer, Long> streamTimes = new HashMap<>();
    private int sources;
    private long minimum = UNKNOWN;

    UpstreamWatermarks(KeyValueStore<Integer, Long> store) {
        this.store = store;
        try (KeyValueIterator<Integer, Long> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.key == SOURCES) {
                    sources = Math.toIntExact(entry.value);
                } else {
                    streamTimes.put(entry.key, entry.value);
                }
            });
        }
        minimum = computeMinimum();
    }

    /** Takes a watermark in; returns the new minimum. A watermark never moves a partition back. */
    long update(Windowed.Watermark watermark) {
        if (watermark.sources() != sources) {
            sources = watermark.sources();
            store.put(SOURCES, (long) sources);
        }
        Long known = streamTimes.get(watermark.source());
        if (known == null || watermark.streamTime() > known) {
            streamTimes.put(watermark.source(), watermark.streamTime());
            store.put(watermark.source(), watermark.streamTime());
        }
        minimum = computeMinimum();
        return minimum;
    }

    /**
     * The stream time every upstream partition has passed; {@link #UNKNOWN} until all have spoken.
     * Asked at every rating, it changes only with a watermark.
     */
    long minimum() {
        return minimum;
    }

    private long computeMinimum() {
        if (sources == 0) {
            return UNKNOWN;
        }
        long lowest = Long.MAX_VALUE;
        for (int source = 0; source < sources; source++) {
            Long time = streamTimes.get(source);
            if (time == null) {
                return UNKNOWN;
            }
            lowest = Math.min(lowest, time);
        }
        return lowest;
    }
}
