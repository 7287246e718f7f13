package dev.ratings.bench.fairness;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.score.DecayV1;
import dev.ratings.stream.score.DecayV2;
import dev.ratings.stream.score.RaterHistory;
import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.score.Trust;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One post's windows through the real formulas, as the stream processor closes them: each window's
 * latest rating per user, applied in user id order; under decay-v2 each rating trusted by its
 * rater's history of earlier windows, folded after each window.
 */
final class Simulation {

    private Simulation() {}

    /** The plain mean of the raters' current ratings, and each formula's score, at the end of each window. */
    record Series(double[] plainMean, double[] decayV1, double[] decayV2) {}

    static Series run(List<List<World.Rating>> windows) {
        int count = windows.size();
        double[] plain = new double[count];
        double[] v1Scores = new double[count];
        double[] v2Scores = new double[count];
        DecayV1 v1 = new DecayV1(World.DECAY_V1);
        DecayV2 v2 = new DecayV2(World.DECAY_V2);
        WindowResult v1Previous = null;
        WindowResult v2Previous = null;
        Map<String, RaterState> v1Raters = new HashMap<>();
        Map<String, RaterState> v2Raters = new HashMap<>();
        Map<String, RaterHistory> histories = new HashMap<>();
        for (int window = 0; window < count; window++) {
            long start = World.windowStart(window);
            List<World.Rating> ratings = windows.get(window);
            Map<String, Integer> latest = new TreeMap<>();
            Map<String, Trust> trust = new LinkedHashMap<>();
            long probationEvents = 0;
            for (World.Rating rating : ratings) {
                String user = rating.rater().id();
                histories.putIfAbsent(user, rating.rater().history());
                Trust of = trust.computeIfAbsent(user, u -> v2.trustOf(histories.get(u), start, World.POST));
                probationEvents += of.trusted() ? 0 : 1;
                latest.put(user, rating.value());
            }

            DecayV1.WindowClose v1Close = v1.startClose(v1Previous, start, ratings.size());
            latest.forEach((user, value) -> v1Raters.put(user, v1Close.apply(v1Raters.get(user), value)));
            v1Previous = v1Close.finish().toResult(World.POST, World.DECAY_V1, 1);

            DecayV2.WindowClose v2Close =
                    v2.startClose(v2Previous, start, ratings.size() - probationEvents, probationEvents);
            latest.forEach(
                    (user, value) -> v2Raters.put(user, v2Close.apply(v2Raters.get(user), value, trust.get(user))));
            v2Previous = v2Close.finish().toResult(World.POST, World.DECAY_V2, 1);

            latest.keySet()
                    .forEach(user ->
                            histories.put(user, histories.get(user).with(start, World.POST, v2.historyPosts())));
            plain[window] = v1Previous.counts().rawAverage();
            v1Scores[window] = v1Previous.state().score();
            v2Scores[window] = v2Previous.state().score();
        }
        return new Series(plain, v1Scores, v2Scores);
    }
}
