package dev.ratings.stream.windows;

import dev.ratings.stream.golden.GoldenCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Plays the partitions of the stage before decay-v2's user stage: each post on one of them, its
 * ratings in log order placed in their windows, a watermark whenever a window closes there (as
 * {@link WindowAssigner} sends them), and a last heartbeat's watermark that closes everything.
 */
final class SourcePartitions {

    private SourcePartitions() {}

    /** What each of {@code count} partitions sends, in its order. */
    static List<List<TestRecord<String, Windowed>>> of(GoldenCase golden, int count, Duration grace) {
        WindowGrid grid = new WindowGrid(golden.parameters().windowSizeMs(), grace.toMillis());
        long end = golden.events().get(golden.events().size() - 1).ts() + 2 * grid.size() + grid.grace();
        List<List<TestRecord<String, Windowed>>> partitions = new ArrayList<>();
        for (int partition = 0; partition < count; partition++) {
            List<TestRecord<String, Windowed>> sent = new ArrayList<>();
            long streamTime = Long.MIN_VALUE;
            long firstOpenSent = Long.MIN_VALUE;
            for (GoldenCase.Event event : golden.events()) {
                if (event.postId() % count != partition) {
                    continue;
                }
                streamTime = Math.max(streamTime, event.ts());
                sent.add(new TestRecord<>(
                        event.userId(),
                        new Windowed.Rating(
                                event.postId(),
                                event.userId(),
                                event.rating(),
                                grid.startOf(event.ts()),
                                null,
                                UUID.randomUUID(),
                                false),
                        null,
                        event.ts()));
                if (grid.firstOpen(streamTime) > firstOpenSent) {
                    firstOpenSent = grid.firstOpen(streamTime);
                    sent.add(watermark(partition, count, streamTime));
                }
            }
            sent.add(watermark(partition, count, end));
            partitions.add(sent);
        }
        return partitions;
    }

    /** One arrival order of everything the partitions sent, each partition's own order kept. */
    static List<TestRecord<String, Windowed>> interleave(
            List<List<TestRecord<String, Windowed>>> partitions, Random random) {
        List<TestRecord<String, Windowed>> merged = new ArrayList<>();
        int[] next = new int[partitions.size()];
        int left = partitions.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int partition = random.nextInt(partitions.size());
            if (next[partition] < partitions.get(partition).size()) {
                merged.add(partitions.get(partition).get(next[partition]++));
                left--;
            }
        }
        return merged;
    }

    private static TestRecord<String, Windowed> watermark(int partition, int count, long streamTime) {
        return new TestRecord<>(
                Multicast.WATERMARK_USER, new Windowed.Watermark(partition, count, streamTime), null, streamTime);
    }
}
