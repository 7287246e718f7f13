package dev.ratings.stream.golden;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TrustParameters;
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

/**
 * One case of the independent model's golden vectors: test resources {@code golden/} (decay-v1) and
 * {@code golden-v2/} (decay-v2, whose configs add the trust parameters).
 */
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

    public static final List<String> V2_NAMES = List.of(
            "trust-off", "thresholds", "sybil-burst", "drip", "probation-only", "graduate-and-rerate", "many-posts");

    /** Fields compared exactly (those a golden line has). */
    public static final List<String> COUNTS = List.of(
            "postId",
            "windowStart",
            "windowEnd",
            "ratingsInWindow",
            "newRaters",
            "ratingCount",
            "ratingSum",
            "trustedInWindow",
            "probationInWindow");

    /** Fields compared to 1e-9 relative to max(1, |expected|) (those a golden line has). */
    public static final List<String> MEASURES = List.of(
            "burstWeight",
            "baseline",
            "rawAverage",
            "weightedCount",
            "weightedSum",
            "target",
            "score",
            "probationBurstWeight",
            "probationBaseline",
            "trustedWeight",
            "trustedWeightedSum",
            "probationWeight",
            "probationWeightedSum",
            "probationScale");

    private static final JsonMapper JSON = new JsonMapper();

    public record Event(long postId, String userId, int rating, long ts) {}

    /** A decay-v1 case. */
    public static GoldenCase load(String name) {
        return load("golden", name);
    }

    /** A decay-v2 case. */
    public static GoldenCase loadV2(String name) {
        return load("golden-v2", name);
    }

    private static GoldenCase load(String directory, String name) {
        String base = directory + "/" + name;
        JsonNode config = JSON.readTree(read(base + ".config.json"));
        TrustParameters trust = config.has("trust_floor")
                ? new TrustParameters(
                        config.get("trust_floor").asDouble(),
                        config.get("trust_age_windows").asLong(),
                        config.get("trust_posts").asLong(),
                        config.get("probation_share").asDouble(),
                        config.get("probation_floor").asDouble())
                : null;
        ScoreParameters parameters = new ScoreParameters(
                trust == null ? ScoreAlgorithm.DECAY_V1 : ScoreAlgorithm.DECAY_V2,
                config.get("size_ms").asLong(),
                config.get("decay").asDouble(),
                config.get("prior_mean").asDouble(),
                config.get("prior_weight").asDouble(),
                config.get("burst_factor").asDouble(),
                config.get("burst_floor").asDouble(),
                config.get("baseline_smoothing").asDouble(),
                trust);
        List<Event> events = lines(base + ".input.jsonl").stream()
                .map(line -> JSON.readTree(line))
                .map(node -> new Event(
                        node.get("postId").asLong(),
                        node.get("userId").asString(),
                        node.get("rating").asInt(),
                        node.get("ts").asLong()))
                .toList();
        List<JsonNode> expected = lines(base + ".expected.jsonl").stream()
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
        try (InputStream in = GoldenCase.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
