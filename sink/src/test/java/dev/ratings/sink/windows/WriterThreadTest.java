package dev.ratings.sink.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterThreadTest {

    private final WriterThread thread = new WriterThread("test-writer");

    @AfterEach
    void close() {
        thread.close();
    }

    @Test
    void theConsumerGetsEveryItemInOrderOnTheWriterThreadAndItsResultComesBack() {
        List<String> threads = new CopyOnWriteArrayList<>();

        List<Integer> consumed = thread.run(1, supplier(2, 3), source -> {
            threads.add(Thread.currentThread().getName());
            List<Integer> items = new ArrayList<>();
            for (Integer item = source.get(); item != null; item = source.get()) {
                items.add(item);
            }
            return items;
        });

        assertThat(consumed).containsExactly(1, 2, 3);
        assertThat(threads).containsExactly("test-writer");
    }

    @Test
    void aFailingConsumerStopsThePreparationAndItsExceptionIsThrownToTheCaller() {
        List<Integer> prepared = new CopyOnWriteArrayList<>();
        Iterator<Integer> items = List.of(2, 3, 4, 5, 6, 7, 8, 9).iterator();

        assertThatThrownBy(() -> thread.run(
                        1,
                        () -> {
                            Integer item = items.hasNext() ? items.next() : null;
                            prepared.add(item);
                            return item;
                        },
                        source -> {
                            source.get();
                            throw new IllegalStateException("database down");
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database down");

        // at most: one handed over and waiting, one more prepared while the consumer failed
        assertThat(prepared.size()).isLessThan(8);
    }

    @Test
    void aFailingPreparationMakesTheConsumersSourceThrowSoItKeepsNothing() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch consumerDone = new CountDownLatch(1);

        assertThatThrownBy(() -> thread.run(
                        1,
                        () -> {
                            throw new IllegalArgumentException("unreadable");
                        },
                        source -> {
                            try {
                                seen.add("got " + source.get());
                                seen.add("got " + source.get());
                                seen.add("committed");
                            } catch (IllegalStateException e) {
                                seen.add("rolled back");
                            } finally {
                                consumerDone.countDown();
                            }
                            return null;
                        }))
                .isInstanceOf(IllegalArgumentException.class);

        consumerDone.await();
        // the first item may or may not have been taken before the abort replaced it
        assertThat(seen).endsWith("rolled back").doesNotContain("committed", "got null");
        // and the thread writes on for the next caller
        Integer next = thread.run(5, () -> null, Supplier::get);
        assertThat(next).isEqualTo(5);
    }

    private static Supplier<@Nullable Integer> supplier(Integer... items) {
        Iterator<Integer> iterator = List.of(items).iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }
}
