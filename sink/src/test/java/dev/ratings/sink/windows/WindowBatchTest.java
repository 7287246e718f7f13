package dev.ratings.sink.windows;

import static dev.ratings.sink.windows.WindowResults.result;
import static dev.ratings.sink.windows.WindowResults.withScore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.WindowResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowBatchTest {

    private static final long GENERATION = 1;

    @Test
    void sameWindowTwiceBecomesOneRowAndTheFirstIsKept() {
        WindowResult first = result(7, 3, GENERATION);
        WindowResult repeat = withScore(first, 4.25);

        WindowBatch batch = WindowBatch.of(List.of(first, repeat), generation -> true);

        assertThat(batch.windows()).containsExactly(first);
    }

    @Test
    void generationsAreKeptApart() {
        WindowResult first = result(7, 3, 1);
        WindowResult second = result(7, 3, 2);
        WindowResult secondOlder = result(7, 1, 2);

        WindowBatch batch = WindowBatch.of(List.of(second, first, secondOlder), generation -> true);

        assertThat(batch.windows()).containsExactly(first, secondOlder, second);
    }

    @Test
    void resultsOfGenerationsNotToBeWrittenAreSkippedAndCounted() {
        WindowResult stale = result(7, 3, 1);
        WindowResult staleToo = result(8, 3, 1);
        WindowResult current = result(7, 3, 2);

        WindowBatch batch = WindowBatch.of(List.of(stale, current, staleToo), generation -> generation == 2);

        assertThat(batch.windows()).containsExactly(current);
        assertThat(batch.skipped()).isEqualTo(2);
    }

    @Test
    void rowsAreSortedByKeySoWritersLockInTheSameOrder() {
        WindowResult a = result(9, 1, 1);
        WindowResult b = result(3, 2, 1);
        WindowResult c = result(3, 1, 1);

        WindowBatch batch = WindowBatch.of(List.of(a, b, c), generation -> true);

        assertThat(batch.windows()).containsExactly(c, b, a);
    }

    @Test
    void batchOfOnlySkippedResultsIsEmpty() {
        WindowBatch batch = WindowBatch.of(List.of(result(7, 3, 1)), generation -> false);

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.windows()).isEmpty();
    }
}
