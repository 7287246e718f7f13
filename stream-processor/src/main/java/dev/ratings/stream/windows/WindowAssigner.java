package dev.ratings.stream.windows;

import dev.ratings.contract.RatingEvent;
import dev.ratings.stream.score.Trust;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Places each rating of one partition of {@code ratings} in the window it counts in: its own while
 * that is open, else the earliest open one (a late rating, counted in the metric, never dropped).
 * Which windows are open follows the partition's stream time, moved on by ratings and heartbeats
 * alike, so a replay of the log places every rating where the live run did.
 *
 * <p>Under decay-v1 the decay stage is in the same task: ratings go on keyed by post, heartbeats as
 * watermarks that only wake it up (it reads the task's stream time itself). Under decay-v2 ratings go
 * on keyed by user to the user stage, and each time a window closes here a watermark goes to every
 * partition of that stage; this stage also tells the heartbeats when its next window is due, ratings
 * or not, because every later stage waits for the slowest partition (see {@code docs/design.md}).
 */
final class WindowAssigner implements Processor<Long, RatingLogEntry, Object, Windowed> {

    private final WindowGrid grid;
    private final boolean byUser;
    private final int partitions;
    private final WindowMetrics metrics;
    private final StreamTimeObserver observer;
    private ProcessorContext<Object, Windowed> context;
    private int partition;
    private long firstOpenSent = Long.MIN_VALUE;

    /** decay-v1: the decay stage follows in the same task. */
    static WindowAssigner local(WindowGrid grid, WindowMetrics metrics) {
        return new WindowAssigner(grid, false, 1, metrics, StreamTimeObserver.NONE);
    }

    /** decay-v2: ratings go to the user stage, watermarks to its every partition. */
    static WindowAssigner toUsers(WindowGrid grid, int partitions, WindowMetrics metrics, StreamTimeObserver observer) {
        return new WindowAssigner(grid, true, partitions, metrics, observer);
    }

    private WindowAssigner(
            WindowGrid grid, boolean byUser, int partitions, WindowMetrics metrics, StreamTimeObserver observer) {
        this.grid = grid;
        this.byUser = byUser;
        this.partitions = partitions;
        this.metrics = metrics;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Windowed> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        reportTime(context.currentStreamTimeMs());
    }

    @Override
    public void process(Record<Long, RatingLogEntry> record) {
        long streamTime = context.currentStreamTimeMs();
        if (record.value() instanceof RatingLogEntry.Rating rating) {
            place(rating.event(), record, streamTime);
        } else if (!byUser) {
            context.forward(record.withKey(null).withValue(new Windowed.Watermark(partition, 1, streamTime)));
        }
        if (byUser) {
            sendWatermarkIfAWindowClosed(streamTime, record);
            reportTime(streamTime);
        }
    }

    @Override
    public void close() {
        observer.released(partition);
    }

    private void place(RatingEvent event, Record<Long, RatingLogEntry> record, long streamTime) {
        long windowStart = grid.startOf(record.timestamp());
        long firstOpen = grid.firstOpen(streamTime);
        boolean late = windowStart < firstOpen;
        if (late) {
            metrics.lateRating(streamTime - grid.closesAt(windowStart));
            windowStart = firstOpen;
        }
        Windowed.Rating placed = new Windowed.Rating(
                event.postId(),
                event.userId(),
                event.rating(),
                windowStart,
                byUser ? null : Trust.TRUSTED,
                event.ratingId(),
                late);
        context.forward(record.withKey(byUser ? event.userId() : event.postId()).withValue(placed));
    }

    /** One watermark per closed window at most: the user stage needs no more to know what is complete. */
    private void sendWatermarkIfAWindowClosed(long streamTime, Record<Long, RatingLogEntry> record) {
        long firstOpen = grid.firstOpen(streamTime);
        if (firstOpen <= firstOpenSent) {
            return;
        }
        firstOpenSent = firstOpen;
        context.forward(record.withKey(Multicast.WATERMARK_USER)
                .withValue(new Windowed.Watermark(partition, partitions, streamTime))
                .withTimestamp(streamTime));
        if (WindowGrid.closedLive(grid.closesAt(firstOpen - grid.size()), context.currentSystemTimeMs())) {
            context.commit();
        }
    }

    /** decay-v2 keeps every idle partition within a window of the wall clock: the next close is always due. */
    private void reportTime(long streamTime) {
        if (byUser) {
            observer.advanced(partition, streamTime, streamTime < 0 ? 0 : grid.closesAt(grid.firstOpen(streamTime)));
        }
    }
}
