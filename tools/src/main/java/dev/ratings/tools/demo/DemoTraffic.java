package dev.ratings.tools.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the demo sends, without the sending: organic ratings from a few users scattered around each
 * post's typical opinion, and the attack, a burst of zeros from accounts that never rated before.
 */
final class DemoTraffic {

    /**
     * Many users, so that a post collects raters over many windows as a real one does: decay-v1 bounds
     * a burst by the post's usual volume per window, which says little when a handful of users is all
     * there is.
     */
    static final List<String> USERS = java.util.stream.IntStream.rangeClosed(1, 150)
            .mapToObj(i -> String.format("demo-user-%03d", i))
            .toList();

    /** Each post has a typical opinion around which the demo's ratings scatter. */
    static final List<DemoPost> POSTS = List.of(
            new DemoPost("Tabs or spaces", 4),
            new DemoPost("Pineapple on pizza", 1),
            new DemoPost("Dark mode everywhere", 3));

    /** The attack's size: three times the organic raters of the post, which drags a plain mean to about 1. */
    static final int ATTACKERS = 300;

    record DemoPost(String title, int mean) {}

    /** One organic rating: which user, which post (an index into {@link #POSTS}), which value. */
    record Rating(String user, int post, int value) {}

    private final RandomGenerator random;

    DemoTraffic(RandomGenerator random) {
        this.random = random;
    }

    Rating next() {
        int post = random.nextInt(POSTS.size());
        int value = POSTS.get(post).mean() + random.nextInt(3) - 1;
        return new Rating(USERS.get(random.nextInt(USERS.size())), post, Math.max(0, Math.min(5, value)));
    }

    /** Fresh account names for one run's attack: new raters, as a bought burst would be. */
    static List<String> attackers(String run) {
        return java.util.stream.IntStream.rangeClosed(1, ATTACKERS)
                .mapToObj(i -> String.format("attacker-%s-%02d", run, i))
                .toList();
    }
}
