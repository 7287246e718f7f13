package dev.ratings.tools.demo;

import dev.ratings.tools.Args;
import java.util.List;
import java.util.Set;

/**
 * {@code demo [seconds] [--attack]}: how long the organic traffic lasts (1 to 3600 s, default 60, or
 * 180 with an attack) and whether, two thirds through, once a dozen ten-second windows have closed
 * with organic ratings only, a burst of zeros hits the best-liked post.
 */
record DemoPlan(int seconds, boolean attack) {

    static final String USAGE = "usage: ./ratings demo [seconds 1-3600] [--attack]";

    static DemoPlan parse(String[] arguments) {
        Args args = Args.parse(arguments, Set.of("attack")).only(Set.of());
        List<String> words = args.positional();
        if (words.size() > 1) {
            throw new IllegalArgumentException(USAGE);
        }
        boolean attack = args.flag("attack");
        int seconds = attack ? 180 : 60;
        if (words.size() == 1) {
            try {
                seconds = Integer.parseInt(words.get(0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(USAGE);
            }
        }
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException(USAGE);
        }
        return new DemoPlan(seconds, attack);
    }

    /** Seconds after the start at which the attack comes. */
    long attackAfterSeconds() {
        return seconds * 2L / 3;
    }
}
