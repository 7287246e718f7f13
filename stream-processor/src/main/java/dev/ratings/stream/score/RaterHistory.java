package dev.ratings.stream.score;

import java.util.Arrays;

/**
 * What decay-v2 knows of a rater's history, folded window by window in window order: the window of
 * their first rating anywhere and the first few distinct posts they rated, each with the window it
 * was first rated in.
 *
 * <p>Bounded: {@code d ≥ D} is all that matters beyond D, and keeping the first D + 1 posts (by the
 * window they were first rated in) answers {@code min(d, D)} exactly for any post and any later
 * window. If the kept posts are all older than the window asked about, at least D of them are other
 * posts; if one is not, every post left out was first rated no earlier than it, so none of those
 * counts either.
 *
 * @param firstWindow start of the window of the first rating anywhere; {@link #NONE}'s is {@code
 *     Long.MAX_VALUE}
 * @param posts the kept posts, in the order they were folded
 * @param firstRated the window start each kept post was first rated in
 */
public record RaterHistory(long firstWindow, long[] posts, long[] firstRated) {

    /** Someone who never rated. */
    public static final RaterHistory NONE = new RaterHistory(Long.MAX_VALUE, new long[0], new long[0]);

    public RaterHistory {
        if (posts.length != firstRated.length) {
            throw new IllegalArgumentException("one first window per post");
        }
    }

    /** a: whole windows from the first rating anywhere to the window starting at {@code windowStart}; 0 when none before. */
    public long windowsSinceFirstRating(long windowStart, long windowSizeMs) {
        return firstWindow < windowStart ? (windowStart - firstWindow) / windowSizeMs : 0;
    }

    /** d, capped at the posts kept: distinct posts other than {@code postId} first rated before {@code windowStart}. */
    public long otherPostsBefore(long windowStart, long postId) {
        long count = 0;
        for (int i = 0; i < posts.length; i++) {
            if (posts[i] != postId && firstRated[i] < windowStart) {
                count++;
            }
        }
        return count;
    }

    /**
     * This history with a rating of {@code postId} in the window starting at {@code windowStart},
     * folded in window order: a post is kept if it is new and fewer than {@code maxPosts} are kept.
     */
    public RaterHistory with(long windowStart, long postId, int maxPosts) {
        long first = Math.min(firstWindow, windowStart);
        boolean known = Arrays.stream(posts).anyMatch(post -> post == postId);
        if (known || posts.length >= maxPosts) {
            return first == firstWindow ? this : new RaterHistory(first, posts, firstRated);
        }
        long[] morePosts = Arrays.copyOf(posts, posts.length + 1);
        long[] moreWindows = Arrays.copyOf(firstRated, firstRated.length + 1);
        morePosts[posts.length] = postId;
        moreWindows[posts.length] = windowStart;
        return new RaterHistory(first, morePosts, moreWindows);
    }

    /**
     * Whether a rating of {@code postId} in a window after all those folded so far would change this
     * history: not once it keeps {@code maxPosts} posts, or already this one.
     */
    public boolean changedBy(long postId, int maxPosts) {
        return firstWindow == Long.MAX_VALUE || (posts.length < maxPosts && !keeps(postId));
    }

    /**
     * The posts of one window worth folding into this history once the window is complete,
     * ascending, with a rating of {@code postId} added to those {@code listed} so far: at most as
     * many as the history has room for, the lowest of those it does not keep (returns {@code listed}
     * itself when nothing needs to change). The list stays right while earlier windows are folded
     * into the history before this one is: for any later history H, the listed posts not in H
     * include the lowest {@code maxPosts − |H|} of the window's posts not in H, which are exactly
     * the ones folding adds (posts of H are skipped, and it stops when full). A kept post drops out
     * and frees room, so a rater a few posts short of D + 1 lists few.
     */
    public long[] worthFolding(long[] listed, long postId, int maxPosts) {
        int room = maxPosts - posts.length;
        if (room <= 0 || keeps(postId) || Arrays.binarySearch(listed, postId) >= 0) {
            return listed;
        }
        long[] unkept = Arrays.stream(listed).filter(post -> !keeps(post)).toArray();
        if (unkept.length >= room && postId > unkept[room - 1]) {
            return listed;
        }
        int insert = -Arrays.binarySearch(unkept, postId) - 1;
        long[] lowest = new long[Math.min(unkept.length + 1, room)];
        System.arraycopy(unkept, 0, lowest, 0, insert);
        lowest[insert] = postId;
        System.arraycopy(unkept, insert, lowest, insert + 1, lowest.length - insert - 1);
        return lowest;
    }

    private boolean keeps(long postId) {
        for (long post : posts) {
            if (post == postId) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RaterHistory that
                && firstWindow == that.firstWindow
                && Arrays.equals(posts, that.posts)
                && Arrays.equals(firstRated, that.firstRated);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(firstWindow) + Arrays.hashCode(posts)) + Arrays.hashCode(firstRated);
    }

    @Override
    public String toString() {
        return "RaterHistory[firstWindow=" + firstWindow + ", posts=" + Arrays.toString(posts) + ", firstRated="
                + Arrays.toString(firstRated) + "]";
    }
}
