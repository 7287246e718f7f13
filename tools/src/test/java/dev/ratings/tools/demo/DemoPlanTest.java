package dev.ratings.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

    @Test
    void defaultsToAMinuteWithoutAttack() {
        assertThat(DemoPlan.parse(new String[] {})).isEqualTo(new DemoPlan(60, false));
    }

    @Test
    void attackComesTwoThirdsThroughAndByDefaultAfterTwoMinutes() {
        DemoPlan plan = DemoPlan.parse(new String[] {"30", "--attack"});

        assertThat(plan).isEqualTo(new DemoPlan(30, true));
        assertThat(plan.attackAfterSeconds()).isEqualTo(20);
        assertThat(DemoPlan.parse(new String[] {"--attack"}).attackAfterSeconds())
                .isEqualTo(120);
    }

    @Test
    void boundedInTime() {
        assertThatThrownBy(() -> DemoPlan.parse(new String[] {"0"})).hasMessageContaining("1-3600");
        assertThatThrownBy(() -> DemoPlan.parse(new String[] {"3601"})).hasMessageContaining("1-3600");
        assertThatThrownBy(() -> DemoPlan.parse(new String[] {"soon"})).hasMessageContaining("1-3600");
        assertThatThrownBy(() -> DemoPlan.parse(new String[] {"10", "--attak"})).hasMessageContaining("--attak");
    }

    @Test
    void organicRatingsStayWithinOneOfThePostsOpinionAndZeroToFive() {
        DemoTraffic traffic = new DemoTraffic(new Random(42));
        for (int i = 0; i < 1000; i++) {
            DemoTraffic.Rating rating = traffic.next();
            int mean = DemoTraffic.POSTS.get(rating.post()).mean();

            assertThat(rating.value()).isBetween(Math.max(0, mean - 1), Math.min(5, mean + 1));
            assertThat(DemoTraffic.USERS).contains(rating.user());
        }
    }

    @Test
    void attackersAreFreshAccountsOfOneRun() {
        Set<String> names = new HashSet<>(DemoTraffic.attackers("101500"));

        assertThat(names).hasSize(DemoTraffic.ATTACKERS).allMatch(name -> name.startsWith("attacker-101500-"));
        assertThat(names).doesNotContainAnyElementsOf(DemoTraffic.USERS);
    }
}
