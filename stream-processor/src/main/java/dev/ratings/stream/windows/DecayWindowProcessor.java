package dev.ratings.stream.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.Decay;
import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.windows.StoreCodecs.EventCounts;
import dev.ratings.stream.windows.StoreCodecs.LatestRating;
import dev.ratings.stream.windows.StoreCodecs.PostRater;
import dev.ratings.stream.windows.StoreCodecs.WindowPost;
import dev.ratings.stream.windows.StoreCodecs.WindowRater;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers each window's ratings per post and user, and when a window is complete, scores every post
 * that was active in it with the generation's formula ({@link Decay}) and emits one result each.
 *
 * <p>When a window is complete depends on the algorithm. Under decay-v1 this stage is in the task
 * that reads the partition of {@code ratings}: a window is complete once the task's stream time
 * (the highest record timestamp seen, heartbeats included) passes its end plus grace, and this stage
 * tells the heartbeats when its next window is due. Under decay-v2 it reads the user stage's
 * repartition topic: a window is complete once the watermarks of every partition of that stage have
 * passed its end plus grace. Either way windows close where the log says, live or replayed.
 */
final class DecayWindowProcessor implements Processor<Long, Windowed, String, WindowResult> {

    private static final Logger log = LoggerFactory.getLogger(DecayWindowProcessor.class);
    private static final long NO_OPEN_WINDOW = Long.MAX_VALUE;
    private static final LongSerializer WINDOW_PREFIX = new LongSerializer();

    private final TopologySettings settings;
    private final Decay decay;
    private final WindowGrid grid;
    private final boolean watermarked;
    private final WindowMetrics metrics;
    private final StreamTimeObserver observer;
    private final ScorePublication publication;
    private final String windowResultsNode;

    private ProcessorContext<String, WindowResult> context;
    private KeyValueStore<WindowPost, EventCounts> windowEventCounts;
    private KeyValueStore<WindowRater, LatestRating> windowLatestRatings;
    private KeyValueStore<PostRater, RaterState> currentRatings;
    private KeyValueStore<Long, WindowResult> latestResults;
    private UpstreamWatermarks upstream;
    private long earliestOpenWindow;

    /**
     * @param watermarked false under decay-v1 (the task's own stream time closes windows, and the
     *     observer hears of it), true under decay-v2 (the user stage's watermarks do)
     */
    DecayWindowProcessor(
            TopologySettings settings,
            boolean watermarked,
            WindowMetrics metrics,
            StreamTimeObserver observer,
            ScorePublication publication,
            String windowResultsNode) {
        this.settings = settings;
        this.decay = Decay.of(settings.parameters());
        this.grid = new WindowGrid(settings);
        this.watermarked = watermarked;
        this.metrics = metrics;
        this.observer = watermarked ? StreamTimeObserver.NONE : observer;
        this.publication = publication;
        this.windowResultsNode = windowResultsNode;
    }

    @Override
    public void init(ProcessorContext<String, WindowResult> context) {
        this.context = context;
        this.windowEventCounts = context.getStateStore(StateStores.WINDOW_EVENT_COUNTS);
        this.windowLatestRatings = context.getStateStore(StateStores.WINDOW_LATEST_RATINGS);
        this.currentRatings = context.getStateStore(StateStores.CURRENT_RATINGS);
        this.latestResults = context.getStateStore(StateStores.LATEST_RESULTS);
        if (watermarked) {
            this.upstream = new UpstreamWatermarks(context.getStateStore(StateStores.DECAY_WATERMARKS));
        }
        this.earliestOpenWindow = findEarliestOpenWindow();
        reportTime(context.currentStreamTimeMs());
    }

    @Override
    public void process(Record<Long, Windowed> record) {
        if (record.value() instanceof Windowed.Rating rating) {
            buffer(rating);
        }
        long time = watermarked
                ? record.value() instanceof Windowed.Watermark watermark
                        ? upstream.update(watermark)
                        : upstream.minimum()
                : context.currentStreamTimeMs();
        if (time != UpstreamWatermarks.UNKNOWN) {
            closeWindowsEndedBefore(time);
        }
        reportTime(context.currentStreamTimeMs());
    }

    @Override
    public void close() {
        observer.released(context.taskId().partition());
    }

    private void reportTime(long streamTime) {
        long nextCloseAt = earliestOpenWindow == NO_OPEN_WINDOW ? Long.MAX_VALUE : grid.closesAt(earliestOpenWindow);
        observer.advanced(context.taskId().partition(), streamTime, nextCloseAt);
    }

    private void buffer(Windowed.Rating rating) {
        long windowStart = rating.windowStart();
        if (watermarked && isClosedAlready(windowStart)) {
            // cannot happen: the user stage sends a window's ratings before its watermark past it
            log.error("Rating {} of an already closed window; counted in the earliest open one", rating);
            windowStart = grid.firstOpen(upstream.minimum());
        }
        WindowPost window = new WindowPost(windowStart, rating.postId());
        EventCounts events = windowEventCounts.get(window);
        windowEventCounts.put(window, (events == null ? EventCounts.NONE : events).plus(rating.trust()));
        windowLatestRatings.put(
                new WindowRater(windowStart, rating.postId(), rating.userId()),
                new LatestRating(rating.rating(), rating.trust()));
        earliestOpenWindow = Math.min(earliestOpenWindow, windowStart);
    }

    private boolean isClosedAlready(long windowStart) {
        long time = upstream.minimum();
        return time != UpstreamWatermarks.UNKNOWN && grid.isClosed(windowStart, time);
    }

    /** Closes the windows the time has passed; one closed live asks for a commit (see {@link WindowGrid}). */
    private void closeWindowsEndedBefore(long time) {
        long lastClosed = NO_OPEN_WINDOW;
        while (earliestOpenWindow != NO_OPEN_WINDOW && grid.isClosed(earliestOpenWindow, time)) {
            closeWindow(earliestOpenWindow);
            lastClosed = earliestOpenWindow;
            earliestOpenWindow = findEarliestOpenWindow();
        }
        if (lastClosed != NO_OPEN_WINDOW
                && WindowGrid.closedLive(grid.closesAt(lastClosed), context.currentSystemTimeMs())) {
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

    /** The window's raters are applied in user id order (the store's key order), as the formula asks. */
    private void closePostWindow(WindowPost window, EventCounts events) {
        long postId = window.postId();
        WindowResult previous = latestResults.get(postId);
        Decay.WindowClose close =
                decay.startClose(previous, window.windowStart(), events.trusted(), events.probation());
        PrefixDrain.drain(windowLatestRatings, window, StoreCodecs.WINDOW_POST.serializer(), latest -> {
            PostRater rater = new PostRater(postId, latest.key.userId());
            currentRatings.put(
                    rater, close.apply(currentRatings.get(rater), latest.value.rating(), latest.value.trust()));
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

    private long findEarliestOpenWindow() {
        try (KeyValueIterator<WindowPost, EventCounts> all = windowEventCounts.all()) {
            return all.hasNext() ? all.next().key.windowStart() : NO_OPEN_WINDOW;
        }
    }
}
