package dev.ratings.stream.score;

import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;

/**
 * The outcome of closing one active window of a post: a window result but for whose it is.
 *
 * @param pools decay-v2's two pools; null under decay-v1
 */
public record WindowScore(
        WindowResult.Window window, WindowResult.Counts counts, WindowResult.State state, WindowResult.Pools pools) {

    public WindowResult toResult(long postId, ScoreParameters parameters, long generation) {
        return new WindowResult(postId, window, counts, state, pools, parameters, generation);
    }
}
