package dev.ratings.stream.score;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenAssertions;
import dev.ratings.stream.golden.GoldenCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The arithmetic alone against the independent model: windows are assembled here the simplest way
 * (all events known up front), and each is closed with {@link DecayV1}.
 */
class DecayV1GoldenTest {

    static final List<String> CASES = GoldenCase.NAMES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void reproducesTheIndependentModel(String name) {
        GoldenCase golden = GoldenCase.load(name);
        DecayV1 decay = new DecayV1(golden.parameters());
        long size = golden.parameters().windowSizeMs();

        // window start -> post -> (user -> latest rating in the window, in arrival order) and N_t
        TreeMap<Long, TreeMap<Long, Window>> windows = new TreeMap<>();
        for (GoldenCase.Event event : golden.events()) {
            long start = Math.floorDiv(event.ts(), size) * size;
            Window window = windows.computeIfAbsent(start, s -> new TreeMap<>())
                    .computeIfAbsent(event.postId(), p -> new Window());
            window.events++;
            window.latest.put(event.userId(), event.rating());
        }

        Map<Long, WindowResult> posts = new HashMap<>();
        Map<Long, Map<String, RaterState>> raters = new HashMap<>();
        List<Map<String, Number>> results = new ArrayList<>();
        windows.forEach((start, byPost) -> byPost.forEach((postId, window) -> {
            DecayV1.WindowClose close = decay.startClose(posts.get(postId), start, window.events);
            Map<String, RaterState> postRaters = raters.computeIfAbsent(postId, p -> new HashMap<>());
            window.latest.forEach((user, rating) -> postRaters.put(user, close.apply(postRaters.get(user), rating)));
            WindowResult result = close.finish().toResult(postId, golden.parameters(), 1);
            posts.put(postId, result);
            results.add(GoldenCase.numbers(result));
        }));

        GoldenAssertions.assertMatches(golden, results);
    }

    private static final class Window {
        long events;
        final Map<String, Integer> latest = new LinkedHashMap<>();
    }
}
