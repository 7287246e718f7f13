package dev.ratings.stream.golden;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One case of the independent model's golden vectors (test resources {@code golden/}). */
public record GoldenCase(String name, ScoreParameters parameters, List<Event> events, List<JsonNode> expected) {

    public static final List<String> NAMES = List.of(
            "single-window",
            "rerate-same-window",
            "rerate-later-window",
            "silent-gap",
            "prior",
            "burst-attack",
            "sustained-surge",
            "interleaved-posts");

    /** Fields compared exactly. */
    public static final List<String> COUNTS =
            List.of("postId", "windowStart", "windowEnd", "ratingsInWindow", "newRaters", "ratingCount", "ratingSum");

    /** Fields compared to 1e-9 relative to max(1, |expected|). */
    public static final List<String> MEASURES =
            List.of("burstWeight", "baseline", "rawAverage", "weightedCount", "weightedSum", "target", "score");

    private static final JsonMapper JSON = new JsonMapper();

    public record Event(long postId, String userId, int rating, long ts) {}

    public static GoldenCase load(String name) {
        JsonNode config = JSON.readTree(read(name + ".config.json"));
        ScoreParameters parameters = new ScoreParameters(
                ScoreAlgorithm.DECAY_V1,
                config.get("size_ms").asLong(),
                config.get("decay").asDouble(),
                config.get("prior_mean").asDouble(),
                config.get("prior_weight").asDouble(),
                config.get("burst_factor").asDouble(),
                config.get("burst_floor").asDouble(),
                config.get("baseline_smoothing").asDouble());
        List<Event> events = lines(name + ".input.jsonl").stream()
                .map(line -> JSON.readTree(line))
                .map(node -> new Event(
                        node.get("postId").asLong(),
                        node.get("userId").asString(),
                        node.get("rating").asInt(),
                        node.get("ts").asLong()))
                .toList();
        List<JsonNode> expected = lines(name + ".expected.jsonl").stream()
                .map(line -> JSON.readTree(line))
                .toList();
        return new GoldenCase(name, parameters, events, expected);
    }

    /** The numbers of a computed result by field name, to compare with a golden line. */
    public static Map<String, Number> numbers(WindowResult result) {
        Map<String, Number> numbers = new LinkedHashMap<>();
        for (FlatFields.Field<WindowResult> field : FlatFields.WINDOW_RESULT) {
            if (field.value().apply(result) instanceof Number number) {
                numbers.put(field.name(), number);
            }
        }
        return numbers;
    }

    private static List<String> lines(String resource) {
        return read(resource).lines().filter(line -> !line.isBlank()).toList();
    }

    private static String read(String resource) {
        try (InputStream in = GoldenCase.class.getResourceAsStream("/golden/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
