package dev.ratings.stream.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.Decay;
import dev.ratings.stream.windows.StoreCodecs.CountedRating;
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
 *
 * <p>A rating event whose id this rater-in-post has counted already (a client's retry that the
 * ingest API published again, identical) is dropped and counted as a duplicate: it changes neither
 * the window's event count nor the rater's rating. The ids are kept with the rater's entry of the
 * open window, and the latest {@link RatingIds#MAX} of closed windows with their current rating; a
 * repeat placed in a later window than the original can only be a late one, so only late ratings
 * look further.
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
    private KeyValueStore<PostRater, CountedRating> currentRatings;
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
            buffer(rating.withPostId(record.key()));
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
        WindowRater rater = new WindowRater(windowStart, rating.postId(), rating.userId());
        // an event without an id (written before ids travelled) is never a duplicate: no read for it
        LatestRating earlier = rating.ratingId() == null ? null : windowLatestRatings.get(rater);
        RatingIds ids = earlier == null ? RatingIds.NONE : earlier.ids();
        if (ids.contains(rating.ratingId()) || (rating.late() && countedBefore(rating, windowStart))) {
            metrics.duplicateRating();
            return;
        }
        WindowPost window = new WindowPost(windowStart, rating.postId());
        EventCounts events = windowEventCounts.get(window);
        windowEventCounts.put(window, (events == null ? EventCounts.NONE : events).plus(rating.trust()));
        windowLatestRatings.put(rater, new LatestRating(rating.rating(), rating.trust(), ids.with(rating.ratingId())));
        earliestOpenWindow = Math.min(earliestOpenWindow, windowStart);
    }

    /**
     * Whether a late rating was counted already in an earlier window: one still open here (under
     * decay-v2 this stage closes a window after the partition that placed the rating did), or a
     * closed one (among the rater's latest ratings of the post).
     */
    private boolean countedBefore(Windowed.Rating rating, long windowStart) {
        for (long open = earliestOpenWindow; open < windowStart; open += grid.size()) {
            LatestRating earlier = windowLatestRatings.get(new WindowRater(open, rating.postId(), rating.userId()));
            if (earlier != null && earlier.ids().contains(rating.ratingId())) {
                return true;
            }
        }
        CountedRating counted = currentRatings.get(new PostRater(rating.postId(), rating.userId()));
        return counted != null && counted.ids().contains(rating.ratingId());
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
            CountedRating counted = currentRatings.get(rater);
            currentRatings.put(
                    rater,
                    new CountedRating(
                            close.apply(
                                    counted == null ? null : counted.state(),
                                    latest.value.rating(),
                                    latest.value.trust()),
                            counted == null ? latest.value.ids() : counted.ids().withAll(latest.value.ids())));
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
