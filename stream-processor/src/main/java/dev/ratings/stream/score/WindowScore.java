package dev.ratings.stream.score;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/** The outcome of closing one active window of a post: a window result but for whose it is. */
public record WindowScore(WindowResult.Window window, WindowResult.Counts counts, WindowResult.State state) {

    public WindowResult toResult(long postId, ScoreParameters parameters, long generation) {
        return new WindowResult(postId, window, counts, state, parameters, generation);
    }
}
