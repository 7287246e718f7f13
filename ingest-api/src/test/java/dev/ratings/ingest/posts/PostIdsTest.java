package dev.ratings.ingest.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Post ids never repeat, whatever the database's sequence says after a loss. */
class PostIdsTest {

    /** A sequence as PostgreSQL keeps it, which a test can lose (a new database starts at 1). */
    static final class FakeSequence implements PostIds.Sequence {
        long given;
        long tableMax;
        final List<Long> movedAbove = new ArrayList<>();

        @Override
        public long next() {
            return ++given;
        }

        @Override
        public void moveAbove(long floor) {
            movedAbove.add(floor);
            given = Math.max(given, Math.max(floor, tableMax));
        }

        void lose() {
            given = 0;
            tableMax = 0;
        }
    }

    @Test
    void aNewDatabaseGivesIdsAboveTheHighestInTheLog() {
        FakeSequence sequence = new FakeSequence();
        PostIds ids = new PostIds(sequence, () -> 41);

        assertThat(ids.next()).isEqualTo(42);
        assertThat(sequence.movedAbove).containsExactly(41L);
    }

    @Test
    void anEmptyLogLeavesTheSequenceAsItIs() {
        FakeSequence sequence = new FakeSequence();
        PostIds ids = new PostIds(sequence, () -> 0);

        assertThat(ids.next()).isEqualTo(1);
        assertThat(ids.next()).isEqualTo(2);
    }

    @Test
    void theTableCountsTooWhenItIsAheadOfTheLog() {
        FakeSequence sequence = new FakeSequence();
        sequence.tableMax = 50;
        PostIds ids = new PostIds(sequence, () -> 41);

        assertThat(ids.next()).isEqualTo(51);
    }

    @Test
    void theLogIsReadOnceNotPerPost() {
        FakeSequence sequence = new FakeSequence();
        int[] reads = {0};
        PostIds ids = new PostIds(sequence, () -> {
            reads[0]++;
            return 10;
        });

        ids.next();
        ids.next();

        assertThat(reads[0]).isEqualTo(1);
    }

    @Test
    void aDatabaseLostUnderARunningServiceIsReSeededAboveTheIdsAlreadyGiven() {
        FakeSequence sequence = new FakeSequence();
        PostIds ids = new PostIds(sequence, () -> 5);
        assertThat(ids.next()).isEqualTo(6);
        assertThat(ids.next()).isEqualTo(7);

        sequence.lose();

        assertThat(ids.next()).isEqualTo(8);
        assertThat(sequence.movedAbove).containsExactly(5L, 7L);
    }

    @Test
    void aStartUpWithoutKafkaTriesAgainAtTheFirstPost() {
        FakeSequence sequence = new FakeSequence();
        boolean[] kafkaUp = {false};
        PostIds ids = new PostIds(sequence, () -> {
            if (!kafkaUp[0]) {
                throw new IllegalStateException("no broker");
            }
            return 30;
        });

        ids.seedAtStartUp();
        kafkaUp[0] = true;

        assertThat(ids.next()).isEqualTo(31);
    }
}
