package dev.ratings.stream.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RaterHistoryTest {

    private static final long W = 60_000;

    @Test
    void aRaterWithoutHistoryHasNoAgeAndNoPosts() {
        assertThat(RaterHistory.NONE.windowsSinceFirstRating(10 * W, W)).isZero();
        assertThat(RaterHistory.NONE.otherPostsBefore(10 * W, 1)).isZero();
    }

    @Test
    void ageCountsWindowsSinceTheFirstRatingAnywhereAndPostsLeaveOutTheRatedOne() {
        RaterHistory history =
                RaterHistory.NONE.with(3 * W, 7, 4).with(5 * W, 8, 4).with(5 * W, 7, 4);

        assertThat(history.windowsSinceFirstRating(9 * W, W)).isEqualTo(6);
        assertThat(history.otherPostsBefore(9 * W, 7)).isEqualTo(1);
        assertThat(history.otherPostsBefore(9 * W, 9)).isEqualTo(2);
        assertThat(history.posts()).containsExactly(7, 8);
        assertThat(history.firstRated()).containsExactly(3 * W, 5 * W);
    }

    @Test
    void keepsNoMoreThanTheFirstPosts() {
        RaterHistory history = RaterHistory.NONE;
        for (long post = 1; post <= 10; post++) {
            history = history.with(post * W, post, 3);
        }

        assertThat(history.posts()).containsExactly(1, 2, 3);
        assertThat(history.firstWindow()).isEqualTo(W);
    }

    /**
     * Against the whole history: folded in window order and asked about the next window, the kept
     * D + 1 posts give min(d, D) exactly, for any post, whatever D and however posts repeat.
     */
    @Test
    void theBoundedHistoryAnswersLikeTheWholeOneUpToD() {
        SplittableRandom random = new SplittableRandom(14);
        for (int trial = 0; trial < 2_000; trial++) {
            int d = random.nextInt(6);
            int posts = 1 + random.nextInt(12);
            TreeMap<Long, Set<Long>> ratedByWindow = new TreeMap<>();
            int ratings = random.nextInt(30);
            for (int i = 0; i < ratings; i++) {
                ratedByWindow
                        .computeIfAbsent((long) random.nextInt(20), w -> new HashSet<>())
                        .add(1L + random.nextInt(posts));
            }
            RaterHistory bounded = RaterHistory.NONE;
            TreeMap<Long, Long> firstRatedAll = new TreeMap<>();
            for (long window = 0; window <= 20; window++) {
                long start = window * W;
                for (long post = 1; post <= posts; post++) {
                    long all = firstRatedAll.entrySet().stream()
                            .filter(e -> e.getValue() < start)
                            .count();
                    long others = all - (firstRatedAll.containsKey(post) ? 1 : 0);
                    assertThat(Math.min(bounded.otherPostsBefore(start, post), d))
                            .as("trial %d window %d post %d", trial, window, post)
                            .isEqualTo(Math.min(others, d));
                }
                for (long post : new TreeSet<>(ratedByWindow.getOrDefault(window, Set.of()))) {
                    bounded = bounded.with(start, post, d + 1);
                    firstRatedAll.putIfAbsent(post, start);
                }
            }
        }
    }

    /**
     * The user stage lists at most D + 1 posts of a rater per window, the lowest of those their
     * history lacks, and none its history would not change with; a window's ratings may be listed
     * before the window before it is folded (held ratings), with the history as it was then.
     * Folded, the histories are those of every post of every window.
     */
    @Test
    void foldingTheListedPostsOfEachWindowGivesTheHistoryOfAllOfThem() {
        SplittableRandom random = new SplittableRandom(15);
        for (int trial = 0; trial < 4_000; trial++) {
            int maxPosts = 1 + random.nextInt(6);
            RaterHistory all = RaterHistory.NONE;
            RaterHistory listed = RaterHistory.NONE;
            long[] previous = null;
            for (long window = 0; window < 8; window++) {
                TreeSet<Long> rated = new TreeSet<>();
                long[] kept = new long[0];
                int ratings = random.nextInt(10);
                int foldedAfter = random.nextInt(ratings + 1);
                for (int i = 0; i < ratings; i++) {
                    if (i == foldedAfter) {
                        listed = fold(listed, previous, window - 1, maxPosts);
                        previous = null;
                    }
                    long post = 1 + random.nextInt(15);
                    rated.add(post);
                    if (listed.changedBy(post, maxPosts)) {
                        kept = listed.worthFolding(kept, post, maxPosts);
                    }
                    assertThat(kept).isSorted().hasSizeLessThanOrEqualTo(maxPosts);
                }
                listed = fold(listed, previous, window - 1, maxPosts);
                assertThat(listed).as("trial %d window %d", trial, window - 1).isEqualTo(all);
                for (long post : rated) {
                    all = all.with(window * W, post, maxPosts);
                }
                previous = kept;
            }
        }
    }

    private static RaterHistory fold(RaterHistory history, long[] posts, long window, int maxPosts) {
        if (posts != null) {
            for (long post : posts) {
                history = history.with(window * W, post, maxPosts);
            }
        }
        return history;
    }

    @Test
    void aWindowListsItsLowestPostsOnceEach() {
        RaterHistory none = RaterHistory.NONE;
        long[] posts = none.worthFolding(new long[0], 9, 3);
        posts = none.worthFolding(posts, 4, 3);
        posts = none.worthFolding(posts, 9, 3);
        posts = none.worthFolding(posts, 7, 3);
        assertThat(none.worthFolding(posts, 12, 3)).isSameAs(posts);
        assertThat(none.worthFolding(posts, 7, 3)).isSameAs(posts);

        assertThat(posts).containsExactly(4, 7, 9);
        assertThat(none.worthFolding(posts, 1, 3)).containsExactly(1, 4, 7);
    }

    @Test
    void aWindowListsOnlyAsManyPostsAsTheHistoryHasRoomFor() {
        RaterHistory two = RaterHistory.NONE.with(0, 4, 3).with(0, 8, 3);

        long[] posts = two.worthFolding(new long[0], 9, 3);
        assertThat(two.worthFolding(posts, 12, 3)).isSameAs(posts);
        assertThat(two.worthFolding(posts, 4, 3)).isSameAs(posts);
        assertThat(posts).containsExactly(9);
        assertThat(two.worthFolding(posts, 5, 3)).containsExactly(5);
        // folded later: post 9 came into the history meanwhile and no longer takes room
        assertThat(two.with(W, 9, 4).worthFolding(posts, 11, 4)).containsExactly(11);
    }
}
