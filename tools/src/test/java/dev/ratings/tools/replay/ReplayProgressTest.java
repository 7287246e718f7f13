package dev.ratings.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReplayProgressTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void printsEachNewPhaseOnce() {
        ReplayProgress progress = new ReplayProgress();

        assertThat(progress.next(JSON.readTree("{\"phase\":\"CATCHING_UP\"}"))).contains("reading the ratings history");
        assertThat(progress.next(JSON.readTree("{\"phase\":\"CATCHING_UP\"}"))).isEmpty();
        assertThat(progress.next(JSON.readTree("{\"phase\":\"WAITING_FOR_SINK\"}")))
                .hasValueSatisfying(line -> assertThat(line).startsWith("caught up"));
    }

    @Test
    void whileCatchingUpCountsRecordsEveryTenthPoll() {
        ReplayProgress progress = new ReplayProgress();
        String status = "{\"phase\":\"CATCHING_UP\",\"ratingsRecordsRead\":40,\"currentRatingsRecordsRead\":100}";
        progress.next(JSON.readTree(status));
        Optional<String> line = Optional.empty();
        for (int i = 0; i < 10; i++) {
            line = progress.next(JSON.readTree(status));
        }

        assertThat(line).contains("read 40 of the 100 ratings records the live generation has read");
    }

    @Test
    void noPhaseNoLine() {
        assertThat(new ReplayProgress().next(JSON.readTree("{}"))).isEmpty();
    }
}
