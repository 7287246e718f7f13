package dev.ratings.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ratings.contract.GroupProgress;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The rebuild is done once every group has committed what its topic held when it was first asked. */
class RebuildHealthIndicatorTest {

    private static final Map<TopicPartition, Long> ENDS = Map.of(new TopicPartition("posts", 0), 7L);

    private final GroupProgress progress = mock(GroupProgress.class);
    private final RebuildHealthIndicator health = new RebuildHealthIndicator(progress, Map.of("g", "posts"));

    @Test
    void downUntilTheGroupHasCommittedTheEndsOfTheStartThenUpForGood() {
        when(progress.committedEnd("posts")).thenReturn(ENDS);
        when(progress.hasConsumed("g", ENDS)).thenReturn(false, true);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        verify(progress, times(1)).committedEnd("posts"); // the target is fixed at the first look
        verify(progress, times(2)).hasConsumed("g", ENDS);
    }
}
