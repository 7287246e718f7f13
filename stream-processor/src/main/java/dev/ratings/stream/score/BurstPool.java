package dev.ratings.stream.score;

import dev.ratings.contract.ScoreParameters;

/**
 * One pool of raters under the burst rule, in one window: the pool's baseline carried over the
 * silent windows, {@code b' = b·(1−λ)^silent}; the weight of its ratings in this window, {@code w =
 * min(1, β·max(b', f)/N)} (1 when it has no events); and its next baseline, {@code (1−λ)·b' + λ·N}.
 * decay-v1 has one pool, decay-v2 two.
 */
record BurstPool(double carriedBaseline, long events, double weight) {

    static BurstPool open(ScoreParameters parameters, double baseline, long silentWindows, long events) {
        double carried = baseline * Math.pow(1 - parameters.baselineSmoothing(), silentWindows);
        double weight = events == 0
                ? 1.0
                : Math.min(1.0, parameters.burstFactor() * Math.max(carried, parameters.burstFloor()) / events);
        return new BurstPool(carried, events, weight);
    }

    double nextBaseline(ScoreParameters parameters) {
        double lambda = parameters.baselineSmoothing();
        return (1 - lambda) * carriedBaseline + lambda * events;
    }
}
