package dev.ratings.stream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.stream.streams.LostInstances.ThreadTransaction;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which open transactions belong to instances their generation's group has dropped. */
class LostInstancesTest {

    private static final String LIVE = "0a1b2c3d-0000-4000-8000-00000000000a";
    private static final String DEAD = "0a1b2c3d-0000-4000-8000-00000000000d";
    private static final Predicate<String> GENERATIONS = id -> id.matches("ratings-scores-g\\d+");

    @Test
    void aKafkaStreamsThreadsTransactionalIdIsTakenApart() {
        assertThat(LostInstances.parse("ratings-scores-g3-" + DEAD + "-1", GENERATIONS))
                .contains(new ThreadTransaction("ratings-scores-g3-" + DEAD + "-1", "ratings-scores-g3", DEAD));
    }

    @Test
    void otherTransactionalIdsAreNotOurs() {
        assertThat(LostInstances.parse("ratings-sink-promoter", GENERATIONS)).isEmpty();
        assertThat(LostInstances.parse("other-app-" + DEAD + "-1", GENERATIONS)).isEmpty();
        assertThat(LostInstances.parse("ratings-scores-g3-not-a-uuid-1", GENERATIONS))
                .isEmpty();
    }

    @Test
    void onlyTheTransactionsOfProcessesNoMemberCarriesAreOrphans() {
        List<ThreadTransaction> open = List.of(
                transaction("ratings-scores-g3", LIVE, 1),
                transaction("ratings-scores-g3", DEAD, 1),
                transaction("ratings-scores-g3", DEAD, 2));
        Map<String, List<String>> members =
                Map.of("ratings-scores-g3", List.of("ratings-scores-g3-" + LIVE + "-StreamThread-1-consumer"));

        assertThat(LostInstances.orphans(open, members))
                .containsExactly("ratings-scores-g3-" + DEAD + "-1", "ratings-scores-g3-" + DEAD + "-2");
    }

    @Test
    void everyTransactionOfAGroupThatIsGoneIsAnOrphan() {
        List<ThreadTransaction> open = List.of(transaction("ratings-scores-g2", DEAD, 1));

        assertThat(LostInstances.orphans(open, Map.of("ratings-scores-g2", List.of())))
                .containsExactly("ratings-scores-g2-" + DEAD + "-1");
    }

    @Test
    void aGroupWhoseMembersCannotBeToldApartOrWasNotDescribedIsLeftAlone() {
        List<ThreadTransaction> open =
                List.of(transaction("ratings-scores-g3", DEAD, 1), transaction("ratings-scores-g4", DEAD, 1));
        Map<String, List<String>> members = Map.of(
                "ratings-scores-g3",
                List.of("ratings-scores-g3-" + LIVE + "-StreamThread-1-consumer", "a-client-id-set-by-hand"));

        assertThat(LostInstances.orphans(open, members)).isEmpty();
    }

    private static ThreadTransaction transaction(String applicationId, String processId, int thread) {
        return new ThreadTransaction(applicationId + "-" + processId + "-" + thread, applicationId, processId);
    }
}
