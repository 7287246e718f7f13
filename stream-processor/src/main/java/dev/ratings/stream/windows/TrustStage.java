package dev.ratings.stream.windows;

import dev.ratings.stream.score.DecayV2;
import dev.ratings.stream.score.RaterHistory;
import dev.ratings.stream.windows.StoreCodecs.WindowArrival;
import dev.ratings.stream.windows.StoreCodecs.WindowUser;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * decay-v2's user stage: keyed by user, it knows each rater's history across posts and gives each
 * rating its trust, from the history of earlier windows only.
 *
 * <p>A window's ratings are folded into their raters' histories once every partition of the stage
 * before has closed the window (the minimum of their watermarks has passed its end + grace): then
 * no rating of it can come any more, from anywhere. A rating of window t is annotated as soon as
 * window t − 1 is folded, and held in a store until then. The annotated ratings go on keyed by post;
 * after them, a watermark (this stage's minimum) to every partition of the decay stage.
 *
 * <p>Why the result never depends on how the partitions interleave: each partition of the stage
 * before sends its records to this one in order, and a watermark from it promises that none of its
 * ratings of the windows it covers are still to come. So the set of ratings of a window is complete
 * when it is folded, whatever arrived when, and the history a rating is annotated with is exactly
 * the windows before its own. The ratings of one user and post keep their order across both hops.
 */
final class TrustStage implements Processor<String, Windowed, Long, Windowed> {

    private static final Logger log = LoggerFactory.getLogger(TrustStage.class);
    private static final LongSerializer WINDOW_PREFIX = new LongSerializer();
    private static final long[] NO_POSTS = new long[0];

    private final WindowGrid grid;
    private final DecayV2 decay;
    private final int partitions;
    private KeyValueStore<String, RaterHistory> histories;
    private KeyValueStore<WindowArrival, Windowed> held;
    private KeyValueStore<WindowUser, long[]> windowPosts;
    private UpstreamWatermarks upstream;
    private ProcessorContext<Long, Windowed> context;
    private int partition;

    TrustStage(WindowGrid grid, DecayV2 decay, int partitions) {
        this.grid = grid;
        this.decay = decay;
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<Long, Windowed> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.histories = context.getStateStore(StateStores.RATER_HISTORIES);
        this.held = context.getStateStore(StateStores.TRUST_HELD_RATINGS);
        this.windowPosts = context.getStateStore(StateStores.TRUST_WINDOW_POSTS);
        this.upstream = new UpstreamWatermarks(context.getStateStore(StateStores.TRUST_WATERMARKS));
    }

    @Override
    public void process(Record<String, Windowed> record) {
        if (record.value() instanceof Windowed.Rating rating) {
            take(rating.withUserId(record.key()), record);
        } else {
            long before = upstream.minimum();
            long after = upstream.update((Windowed.Watermark) record.value());
            if (after != before) {
                advance(before, after);
            }
        }
    }

    private void take(Windowed.Rating rating, Record<String, Windowed> record) {
        long time = upstream.minimum();
        if (time != UpstreamWatermarks.UNKNOWN && grid.isClosed(rating.windowStart(), time)) {
            // cannot happen: the stage before never sends a rating of a window it has closed
            log.error(
                    "Rating of window {} arrived after the window was folded; trusting it with today's history",
                    rating);
        }
        RaterHistory history = historyOf(rating.userId());
        listForFolding(rating, history);
        if (isAnnotatable(rating.windowStart(), time)) {
            forward(rating, history);
        } else {
            long offset = context.recordMetadata().map(RecordMetadata::offset).orElseThrow();
            held.put(new WindowArrival(rating.windowStart(), offset), rating);
        }
    }

    /**
     * Lists the post under its window and rater, to fold once the window is complete: one entry per
     * rater and window, written only when its posts change (not for a post listed already, nor for
     * one its history would not keep), read only when the history could change at all.
     */
    private void listForFolding(Windowed.Rating rating, RaterHistory history) {
        if (!history.changedBy(rating.postId(), decay.historyPosts())) {
            return;
        }
        WindowUser key = new WindowUser(rating.windowStart(), rating.userId());
        long[] listed = windowPosts.get(key);
        long[] posts = history.worthFolding(listed == null ? NO_POSTS : listed, rating.postId(), decay.historyPosts());
        if (posts != listed) {
            windowPosts.put(key, posts);
        }
    }

    /** A rating of window t can be annotated once window t − 1 is complete (folded). */
    private boolean isAnnotatable(long windowStart, long time) {
        return time != UpstreamWatermarks.UNKNOWN && grid.isClosed(windowStart - grid.size(), time);
    }

    /**
     * Walks the windows in order: the held ratings of a window are annotated (its previous window
     * being folded by then) before the window itself is folded, once it is complete. A rating held
     * is also listed for folding, so the first held window is never before the first unfolded one.
     */
    private void advance(long before, long time) {
        while (true) {
            long heldWindow = firstWindow(held);
            long unfolded = firstWindow(windowPosts);
            if (heldWindow != Long.MAX_VALUE && heldWindow <= unfolded && isAnnotatable(heldWindow, time)) {
                PrefixDrain.drain(held, heldWindow, WINDOW_PREFIX, entry -> {
                    Windowed.Rating rating = (Windowed.Rating) entry.value;
                    forward(rating, historyOf(rating.userId()));
                    held.put(entry.key, null);
                });
            } else if (unfolded != Long.MAX_VALUE
                    && time != UpstreamWatermarks.UNKNOWN
                    && grid.isClosed(unfolded, time)) {
                fold(unfolded);
            } else {
                break;
            }
        }
        if (time == UpstreamWatermarks.UNKNOWN) {
            return;
        }
        long firstOpen = grid.firstOpen(time);
        if (before == UpstreamWatermarks.UNKNOWN || firstOpen > grid.firstOpen(before)) {
            context.forward(
                    new Record<>(Multicast.WATERMARK_POST, new Windowed.Watermark(partition, partitions, time), time));
            if (WindowGrid.closedLive(grid.closesAt(firstOpen - grid.size()), context.currentSystemTimeMs())) {
                context.commit();
            }
        }
    }

    /** Adds a complete window to its raters' histories; a history that does not change is not written. */
    private void fold(long window) {
        PrefixDrain.drain(windowPosts, window, WINDOW_PREFIX, entry -> {
            RaterHistory known = historyOf(entry.key.userId());
            RaterHistory history = known;
            for (long post : entry.value) {
                history = history.with(window, post, decay.historyPosts());
            }
            if (history != known) {
                histories.put(entry.key.userId(), history);
            }
            windowPosts.put(entry.key, null);
        });
    }

    private RaterHistory historyOf(String userId) {
        RaterHistory history = histories.get(userId);
        return history == null ? RaterHistory.NONE : history;
    }

    private void forward(Windowed.Rating rating, RaterHistory history) {
        Windowed.Rating annotated = rating.withTrust(decay.trustOf(history, rating.windowStart(), rating.postId()));
        context.forward(new Record<>(rating.postId(), annotated, rating.windowStart()));
    }

    private static long firstWindow(KeyValueStore<?, ?> store) {
        try (KeyValueIterator<?, ?> all = store.all()) {
            if (!all.hasNext()) {
                return Long.MAX_VALUE;
            }
            Object key = all.next().key;
            return key instanceof WindowArrival arrival ? arrival.windowStart() : ((WindowUser) key).windowStart();
        }
    }
}
