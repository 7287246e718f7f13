package dev.ratings.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RatingScheduleTest {

    private final RatingSchedule schedule = new RatingSchedule(List.of("a", "b", "c"), List.of(10L, 11L, 12L, 13L));

    @Test
    void everyPairComesAtMostOnceUpToTheCapacity() {
        Set<Pair> pairs = new HashSet<>();
        LongStream.range(0, schedule.capacity()).forEach(i -> pairs.add(schedule.at(i)));

        assertThat(schedule.capacity()).isEqualTo(12);
        assertThat(pairs).hasSize(12);
    }

    @Test
    void consecutiveRequestsComeFromDifferentUsersAndSpreadOverThePosts() {
        assertThat(List.of(schedule.at(0), schedule.at(1), schedule.at(2), schedule.at(3)))
                .containsExactly(new Pair("a", 10), new Pair("b", 11), new Pair("c", 12), new Pair("a", 11));
    }

    @Test
    void refusesARequestThatWouldRepeatAPair() {
        assertThatThrownBy(() -> schedule.at(12)).hasMessageContaining("past the 12 distinct pairs");
    }
}
