package dev.ratings.stream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/** Compares computed window results with a golden case, field by field. */
public final class GoldenAssertions {

    private static final double TOLERANCE = 1e-9;

    private GoldenAssertions() {}

    /**
     * @param actual one map of field name to number per window result, in any order
     */
    public static void assertMatches(GoldenCase golden, List<Map<String, Number>> actual) {
        Comparator<Map<String, Number>> byPostThenWindow = Comparator.<Map<String, Number>>comparingLong(
                        r -> r.get("postId").longValue())
                .thenComparingLong(r -> r.get("windowStart").longValue());
        List<Map<String, Number>> sorted =
                actual.stream().sorted(byPostThenWindow).toList();
        List<JsonNode> expected = golden.expected().stream()
                .sorted(Comparator.<JsonNode>comparingLong(e -> e.get("postId").asLong())
                        .thenComparingLong(e -> e.get("windowStart").asLong()))
                .toList();
        assertThat(sorted).as("%s: one result per active window", golden.name()).hasSize(expected.size());
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            Map<String, Number> got = sorted.get(i);
            String where = golden.name() + " post " + want.get("postId") + " window " + want.get("windowStart");
            for (String field : GoldenCase.COUNTS) {
                if (!want.has(field)) {
                    continue;
                }
                softly.assertThat(got.get(field).longValue())
                        .as("%s %s", where, field)
                        .isEqualTo(want.get(field).asLong());
            }
            for (String field : GoldenCase.MEASURES) {
                if (!want.has(field)) {
                    continue;
                }
                double wanted = want.get(field).asDouble();
                softly.assertThat(got.get(field).doubleValue())
                        .as("%s %s", where, field)
                        .isCloseTo(
                                wanted, org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(wanted))));
            }
        }
        softly.assertAll();
    }
}
