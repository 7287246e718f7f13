package dev.ratings.bench.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One row of the table: the organic traffic of {@link World} with something added from window
 * {@link World#WARM_UP} on.
 *
 * @param attack true for an attack (measured by the largest drop), false for a genuine change of
 *     opinion (measured by the windows it takes to be followed)
 * @param from what is added to the ratings of a window, given the window's index from the start
 */
record Scenario(String name, boolean attack, Addition from) {

    /** What a scenario adds to one window. */
    interface Addition {
        void add(int windowFromStart, World world, List<World.Rating> ratings, List<World.Rater> raters);
    }

    /** Every window's ratings: organic traffic, and the scenario's from the start on. */
    List<List<World.Rating>> windows(long seed) {
        World world = new World(seed);
        List<World.Rater> raters = new ArrayList<>();
        List<List<World.Rating>> windows = new ArrayList<>();
        for (int window = 0; window < World.WARM_UP + World.HORIZON; window++) {
            List<World.Rating> ratings = new ArrayList<>();
            int fromStart = window - World.WARM_UP;
            boolean changed = !attack && fromStart >= 0;
            for (int i = 0; i < World.ORGANIC_PER_WINDOW; i++) {
                World.Rater rater = world.organic();
                raters.add(rater);
                ratings.add(new World.Rating(rater, changed ? world.changedRating() : world.organicRating()));
            }
            if (fromStart >= 0) {
                from.add(fromStart, world, ratings, raters);
            }
            windows.add(ratings);
        }
        return windows;
    }

    static Scenario attack(String name, BiConsumer<Integer, AttackWindow> attack) {
        return new Scenario(
                name,
                true,
                (fromStart, world, ratings, raters) -> attack.accept(fromStart, new AttackWindow(world, ratings)));
    }

    /** The ratings of one window that an attack adds to. */
    record AttackWindow(World world, List<World.Rating> ratings) {

        void fresh(int accounts, int rating) {
            for (int i = 0; i < accounts; i++) {
                ratings.add(new World.Rating(world.fresh(), rating));
            }
        }

        void freshZeroOrOne(int accounts) {
            for (int i = 0; i < accounts; i++) {
                ratings.add(new World.Rating(world.fresh(), world.coin() ? 1 : 0));
            }
        }

        void aged(int accounts, int rating) {
            for (int i = 0; i < accounts; i++) {
                ratings.add(new World.Rating(world.aged(), rating));
            }
        }

        void farmed(int accounts, int rating) {
            for (int i = 0; i < accounts; i++) {
                ratings.add(new World.Rating(world.established(), rating));
            }
        }
    }
}
