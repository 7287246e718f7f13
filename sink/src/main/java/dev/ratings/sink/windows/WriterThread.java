package dev.ratings.sink.windows;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One thread that consumes what the calling thread prepares, while it prepares the next: the
 * caller hands items over one at a time, with at most one waiting, and gets the consumer's result
 * or its exception once the consumer has taken the last item and returned. Calls run one after
 * another on the same thread, so what one writes always follows what the previous one wrote.
 */
final class WriterThread implements AutoCloseable {

    private static final Object END = new Object();
    private static final Object ABORT = new Object();
    private static final long CHECK_MS = 10;

    private final ExecutorService thread;

    WriterThread(String name) {
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread writer = new Thread(task, name);
            writer.setDaemon(true);
            return writer;
        });
    }

    /**
     * Runs {@code consumer} on the thread with a source of {@code first} and then of what {@code
     * rest} supplies here (until null); the source returns null after the last item. If the consumer
     * fails, no more is prepared and its exception is thrown here; if preparing fails, the source
     * throws to the consumer, which then must not complete its work (a transaction rolls back).
     */
    <T, R> R run(T first, Supplier<@Nullable T> rest, Function<Supplier<@Nullable T>, R> consumer) {
        BlockingQueue<Object> handoff = new ArrayBlockingQueue<>(1);
        handoff.add(first);
        Future<R> done = thread.submit(() -> consumer.apply(() -> take(handoff)));
        boolean complete = false;
        try {
            T item;
            while (!done.isDone() && (item = rest.get()) != null) {
                if (!handOver(handoff, item, done)) {
                    break;
                }
            }
            handOver(handoff, END, done);
            complete = true;
            return result(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the writer thread was writing", e);
        } finally {
            if (!complete) {
                handoff.clear();
                handoff.offer(ABORT);
            }
        }
    }

    /** False if the consumer is done (it failed) and will take no more. */
    private static boolean handOver(BlockingQueue<Object> handoff, Object item, Future<?> done)
            throws InterruptedException {
        while (!handoff.offer(item, CHECK_MS, TimeUnit.MILLISECONDS)) {
            if (done.isDone()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> @Nullable T take(BlockingQueue<Object> handoff) {
        Object item;
        try {
            item = handoff.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Writer thread interrupted", e);
        }
        if (item == ABORT) {
            throw new IllegalStateException("The caller stopped preparing; nothing of this run is to be kept");
        }
        return item == END ? null : (T) item;
    }

    private static <R> R result(Future<R> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
