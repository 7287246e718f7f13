package dev.ratings.stream.windows;

import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.DecayV1;
import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.windows.StoreCodecs.PostRater;
import dev.ratings.stream.windows.StoreCodecs.WindowPost;
import dev.ratings.stream.windows.StoreCodecs.WindowRater;
import java.time.Duration;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Buffers each window's ratings per post and user, and when stream time passes a window's end plus
 * grace, scores every post that was active in it with {@link DecayV1} and emits one result each.
 *
 * <p>Stream time is the highest record timestamp seen on the partition, heartbeats included, so
 * windows close the same way whether the log is read live or replayed. A rating whose window has
 * already closed is counted in the earliest open one, never dropped.
 */
final class DecayWindowProcessor implements Processor<Long, RatingLogEntry, String, WindowResult> {

    private static final long NO_OPEN_WINDOW = Long.MAX_VALUE;
    private static final Duration SNAPSHOT_CHECK = Duration.ofSeconds(1);
    private static final Duration LIVE_CLOSE = Duration.ofMinutes(1);
    private static final LongSerializer WINDOW_PREFIX = new LongSerializer();

    private final TopologySettings settings;
    private final DecayV1 decay;
    private final long windowSize;
    private final long grace;
    private final WindowMetrics metrics;
    private final StreamTimeObserver observer;
    private final ScorePublication publication;
    private final String windowResultsNode;
    private final String scoresNode;
    private int snapshotsDone;

    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<WindowPost, Long> windowEventCounts;
    private KeyValueStore<WindowRater, Integer> windowLatestRatings;
    private KeyValueStore<PostRater, RaterState> currentRatings;
    private KeyValueStore<Long, WindowResult> latestResults;
    private long earliestOpenWindow;

    DecayWindowProcessor(
            TopologySettings settings,
            WindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication,
            String windowResultsNode,
            String scoresNode) {
        this.settings = settings;
        this.decay = new DecayV1(settings.parameters());
        this.windowSize = settings.parameters().windowSizeMs();
        this.grace = settings.grace().toMillis();
        this.metrics = metrics;
        this.observer = observer;
        this.publication = publication;
        this.windowResultsNode = windowResultsNode;
        this.scoresNode = scoresNode;
    }

    @Override
    public void init(ProcessorContext<String, WindowResult> context) {
        this.context = context;
        this.windowEventCounts = context.getStateStore(StateStores.WINDOW_EVENT_COUNTS);
        this.windowLatestRatings = context.getStateStore(StateStores.WINDOW_LATEST_RATINGS);
        this.currentRatings = context.getStateStore(StateStores.CURRENT_RATINGS);
        this.latestResults = context.getStateStore(StateStores.LATEST_RESULTS);
        this.snapshotsDone = publication.snapshotRequests();
        context.schedule(SNAPSHOT_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> publishSnapshotIfRequested());
        this.earliestOpenWindow = findEarliestOpenWindow();
        reportTime(context.currentStreamTimeMs());
    }

    @Override
    public void process(Record<Long, RatingLogEntry> record) {
        long streamTime = context.currentStreamTimeMs();
        if (record.value() instanceof RatingLogEntry.Rating rating) {
            buffer(rating.event(), record.timestamp(), streamTime);
        }
        closeWindowsEndedBefore(streamTime);
        reportTime(streamTime);
    }

    @Override
    public void close() {
        observer.released(context.taskId().partition());
    }

    private void reportTime(long streamTime) {
        long nextCloseAt =
                earliestOpenWindow == NO_OPEN_WINDOW ? Long.MAX_VALUE : earliestOpenWindow + windowSize + grace;
        observer.advanced(context.taskId().partition(), streamTime, nextCloseAt);
    }

    private void buffer(RatingEvent event, long timestamp, long streamTime) {
        long windowStart = windowStartOf(timestamp);
        long firstOpen = firstOpenWindow(streamTime);
        if (windowStart < firstOpen) {
            metrics.lateRating(streamTime - (windowStart + windowSize + grace));
            windowStart = firstOpen;
        }
        WindowPost window = new WindowPost(windowStart, event.postId());
        Long events = windowEventCounts.get(window);
        windowEventCounts.put(window, events == null ? 1 : events + 1);
        windowLatestRatings.put(new WindowRater(windowStart, event.postId(), event.userId()), event.rating());
        earliestOpenWindow = Math.min(earliestOpenWindow, windowStart);
    }

    /**
     * Closes the windows stream time has passed. A window closed live asks for a commit: under
     * exactly-once its results are visible only once committed, and the commit interval is long for
     * throughput. Windows closed while reading history (a replay, a restart after downtime) do not: a
     * commit per window would slow the catch-up.
     */
    private void closeWindowsEndedBefore(long streamTime) {
        long lastClosed = NO_OPEN_WINDOW;
        while (earliestOpenWindow != NO_OPEN_WINDOW && isClosed(earliestOpenWindow, streamTime)) {
            closeWindow(earliestOpenWindow);
            lastClosed = earliestOpenWindow;
            earliestOpenWindow = findEarliestOpenWindow();
        }
        if (lastClosed != NO_OPEN_WINDOW
                && context.currentSystemTimeMs() - (lastClosed + windowSize + grace) < LIVE_CLOSE.toMillis()) {
            context.commit();
        }
    }

    /**
     * Scores every post active in the window, in post id order. Entries are removed with {@code
     * put(key, null)}, not {@code delete}: both write a tombstone, but delete first reads the old
     * value it returns, a RocksDB read per rating that nobody uses.
     */
    private void closeWindow(long windowStart) {
        PrefixDrain.drain(windowEventCounts, windowStart, WINDOW_PREFIX, post -> {
            closePostWindow(post.key, post.value);
            windowEventCounts.put(post.key, null);
        });
    }

    private void closePostWindow(WindowPost window, long eventsInWindow) {
        long postId = window.postId();
        WindowResult previous = latestResults.get(postId);
        DecayV1.WindowClose close = decay.startClose(previous, window.windowStart(), eventsInWindow);
        PrefixDrain.drain(windowLatestRatings, window, StoreCodecs.WINDOW_POST.serializer(), latest -> {
            PostRater rater = new PostRater(postId, latest.key.userId());
            currentRatings.put(rater, close.apply(currentRatings.get(rater), latest.value));
            windowLatestRatings.put(latest.key, null);
        });
        WindowResult result = close.finish().toResult(postId, settings.parameters(), settings.generation());
        latestResults.put(postId, result);
        Record<String, WindowResult> record =
                new Record<>(Long.toString(postId), result, result.window().end());
        if (publication.isPublishing()) {
            context.forward(record);
        } else {
            context.forward(record, windowResultsNode);
        }
        metrics.windowClosed(result.window().end());
    }

    /** When this generation has just become current, writes every post's latest result to post-scores once. */
    private void publishSnapshotIfRequested() {
        int requested = publication.snapshotRequests();
        if (requested == snapshotsDone) {
            return;
        }
        try (KeyValueIterator<Long, WindowResult> all = latestResults.all()) {
            all.forEachRemaining(latest -> context.forward(
                    new Record<>(
                            Long.toString(latest.key),
                            latest.value,
                            latest.value.window().end()),
                    scoresNode));
        }
        snapshotsDone = requested;
    }

    private long findEarliestOpenWindow() {
        try (KeyValueIterator<WindowPost, Long> all = windowEventCounts.all()) {
            return all.hasNext() ? all.next().key.windowStart() : NO_OPEN_WINDOW;
        }
    }

    private long windowStartOf(long timestamp) {
        return Math.floorDiv(timestamp, windowSize) * windowSize;
    }

    /** A window is closed once stream time reaches its end plus grace (the end is exclusive). */
    private boolean isClosed(long windowStart, long streamTime) {
        return windowStart + windowSize + grace <= streamTime;
    }

    /** The earliest window still open at this stream time. */
    private long firstOpenWindow(long streamTime) {
        return windowStartOf(streamTime - grace);
    }
}
