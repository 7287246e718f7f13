package dev.ratings.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ratings.contract.GroupProgress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The rebuild is done once every group has committed what its topic held when it was first asked. */
class RebuildHealthIndicatorTest {

    private static final Map<TopicPartition, Long> ENDS = Map.of(new TopicPartition("posts", 0), 7L);

    private final GroupProgress progress = mock(GroupProgress.class);
    private final AtomicInteger marksCleared = new AtomicInteger();
    private final RebuildHealthIndicator health =
            new RebuildHealthIndicator(progress, Map.of("g", "posts"), marksCleared::incrementAndGet);

    @Test
    void downUntilTheGroupHasCommittedTheEndsOfTheStartThenUpForGood() {
        when(progress.committedEnd("posts")).thenReturn(ENDS);
        when(progress.hasConsumed("g", ENDS)).thenReturn(false, true);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(marksCleared).hasValue(0);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(marksCleared).hasValue(1);

        verify(progress, times(1)).committedEnd("posts"); // the target is fixed at the first look
        verify(progress, times(2)).hasConsumed("g", ENDS);
    }

    @Test
    void staysDownAndClearsTheMarkAtTheNextCheckWhenClearingItFailedOnce() {
        when(progress.committedEnd("posts")).thenReturn(ENDS);
        when(progress.hasConsumed("g", ENDS)).thenReturn(true);
        AtomicInteger attempts = new AtomicInteger();
        RebuildHealthIndicator flaky = new RebuildHealthIndicator(progress, Map.of("g", "posts"), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database went away");
            }
        });

        assertThatThrownBy(flaky::health).isInstanceOf(IllegalStateException.class);
        assertThat(flaky.health().getStatus()).isEqualTo(Status.UP);
        assertThat(attempts).hasValue(2);
    }
}
