package dev.ratings.tools.chaos;

import java.util.List;

/**
 * Which user rates which post for the i-th request of a phase: every (user, post) pair at most once,
 * so that the count of a post's rating events is exactly the number of its pairs that reached the
 * log (a re-rating would count as an event too). User u rates post (u + round) mod P in each round
 * of all users, so consecutive requests spread over every post and a user comes back only once per
 * round: with 4,000 users at 250 ratings/s, every 16 s, far below the per-user limit.
 */
public record RatingSchedule(List<String> users, List<Long> posts) {

    public RatingSchedule {
        users = List.copyOf(users);
        posts = List.copyOf(posts);
        if (users.isEmpty() || posts.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs users and posts");
        }
    }

    /** One request: who rates what. */
    public record Pair(String user, long post) {}

    public Pair at(long i) {
        if (i < 0 || i >= capacity()) {
            throw new IllegalArgumentException("request " + i + " is past the " + capacity() + " distinct pairs");
        }
        int user = (int) (i % users.size());
        long round = i / users.size();
        return new Pair(users.get(user), posts.get((int) ((user + round) % posts.size())));
    }

    /** How many requests the schedule can make before a pair would repeat. */
    public long capacity() {
        return (long) users.size() * posts.size();
    }
}
