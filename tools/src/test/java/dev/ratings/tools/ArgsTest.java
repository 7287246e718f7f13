package dev.ratings.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void separatesFlagsOptionsAndWords() {
        Args args = Args.parse(
                new String[] {"--admin", "alice", "--ttl", "2h", "--set=a=1", "--set", "b=2"}, Set.of("admin"));

        assertThat(args.flag("admin")).isTrue();
        assertThat(args.positional()).containsExactly("alice");
        assertThat(args.text("ttl")).isEqualTo("2h");
        assertThat(args.all("set")).containsExactly("a=1", "b=2");
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--ttl"}, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--ttl needs a value");
    }

    @Test
    void unknownOptionIsRefusedNotIgnored() {
        Args args = Args.parse(new String[] {"--sett", "a=1"}, Set.of());

        assertThatThrownBy(() -> args.only(Set.of("set"))).hasMessageContaining("unknown option --sett");
    }

    @Test
    void numbersHaveFallbacksAndSayWhichOptionIsWrong() {
        Args args = Args.parse(new String[] {"--count", "12", "--users", "many"}, Set.of());

        assertThat(args.number("count")).isEqualTo(12);
        assertThat(args.number("posts", 7)).isEqualTo(7);
        assertThatThrownBy(() -> args.number("users")).hasMessageContaining("--users must be a whole number");
        assertThatThrownBy(() -> args.text("bootstrap")).hasMessageContaining("--bootstrap is required");
    }

    @Test
    void unknownCommandExitsWithUsageStatus() {
        assertThat(Tools.run(new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Tools.run(new String[] {})).isEqualTo(2);
    }
}
