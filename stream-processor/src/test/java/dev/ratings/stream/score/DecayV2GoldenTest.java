package dev.ratings.stream.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.WindowResult;
import dev.ratings.stream.golden.GoldenAssertions;
import dev.ratings.stream.golden.GoldenCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The decay-v2 arithmetic and rater histories alone against the independent model: windows are
 * assembled here the simplest way (all events known up front, in window order), each rating's trust
 * comes from its rater's history folded through the previous window, and each window is closed with
 * {@link DecayV2}, its raters in user id order.
 */
class DecayV2GoldenTest {

    static final List<String> CASES = GoldenCase.V2_NAMES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void reproducesTheIndependentModel(String name) {
        GoldenCase golden = GoldenCase.loadV2(name);

        GoldenAssertions.assertMatches(
                golden, score(golden).stream().map(GoldenCase::numbers).toList());
    }

    @Test
    void withoutTrustRequirementsItIsDecayV1() {
        GoldenCase trustOff = GoldenCase.loadV2("trust-off");
        DecayV1 v1 = new DecayV1(trustOff.parameters().withTrust(null));

        List<WindowResult> v2 = score(trustOff);

        Map<Long, WindowResult> previous = new HashMap<>();
        Map<Long, Map<String, RaterState>> raters = new HashMap<>();
        int i = 0;
        for (var window : windows(trustOff).entrySet()) {
            for (var post : window.getValue().entrySet()) {
                DecayV1.WindowClose close = v1.startClose(
                        previous.get(post.getKey()),
                        window.getKey(),
                        post.getValue().total());
                Map<String, RaterState> current = raters.computeIfAbsent(post.getKey(), p -> new HashMap<>());
                post.getValue()
                        .latest
                        .forEach((user, rating) -> current.put(user, close.apply(current.get(user), rating.rating)));
                WindowResult expected = close.finish().toResult(post.getKey(), v1.parameters(), 1);
                previous.put(post.getKey(), expected);
                WindowResult got = v2.get(i++);
                assertThat(got.counts()).isEqualTo(expected.counts());
                assertThat(got.state()).as("bit for bit").isEqualTo(expected.state());
            }
        }
    }

    /** Every window result of the case, in window and then post order. */
    static List<WindowResult> score(GoldenCase golden) {
        DecayV2 decay = new DecayV2(golden.parameters());
        Map<Long, WindowResult> previous = new HashMap<>();
        Map<Long, Map<String, RaterState>> raters = new HashMap<>();
        Map<String, RaterHistory> histories = new HashMap<>();
        List<WindowResult> results = new ArrayList<>();
        windows(golden).forEach((start, byPost) -> {
            byPost.forEach((postId, window) -> {
                window.latest.forEach((user, latest) ->
                        latest.trust = decay.trustOf(histories.getOrDefault(user, RaterHistory.NONE), start, postId));
                long trusted = window.events.entrySet().stream()
                        .filter(e -> window.latest.get(e.getKey()).trust.trusted())
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                long all = window.events.values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                DecayV2.WindowClose close = decay.startClose(previous.get(postId), start, trusted, all - trusted);
                Map<String, RaterState> current = raters.computeIfAbsent(postId, p -> new HashMap<>());
                window.latest.forEach((user, latest) ->
                        current.put(user, close.apply(current.get(user), latest.rating, latest.trust)));
                WindowResult result = close.finish().toResult(postId, golden.parameters(), 1);
                previous.put(postId, result);
                results.add(result);
            });
            byPost.forEach((postId, window) -> window.latest
                    .keySet()
                    .forEach(user -> histories.put(
                            user,
                            histories
                                    .getOrDefault(user, RaterHistory.NONE)
                                    .with(start, postId, decay.historyPosts()))));
        });
        return results;
    }

    /** window start → post → the window of that post: users in id order with their latest rating, event counts. */
    private static TreeMap<Long, TreeMap<Long, Window>> windows(GoldenCase golden) {
        long size = golden.parameters().windowSizeMs();
        TreeMap<Long, TreeMap<Long, Window>> windows = new TreeMap<>();
        for (GoldenCase.Event event : golden.events()) {
            Window window = windows.computeIfAbsent(Math.floorDiv(event.ts(), size) * size, s -> new TreeMap<>())
                    .computeIfAbsent(event.postId(), p -> new Window());
            window.events.merge(event.userId(), 1L, Long::sum);
            window.latest.computeIfAbsent(event.userId(), u -> new Latest()).rating = event.rating();
        }
        return windows;
    }

    private static final class Window {
        final TreeMap<String, Long> events = new TreeMap<>();
        final TreeMap<String, Latest> latest = new TreeMap<>();

        long total() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class Latest {
        int rating;
        Trust trust;
    }
}
