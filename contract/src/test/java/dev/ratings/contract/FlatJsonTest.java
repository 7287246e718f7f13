package dev.ratings.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The nested window result travels as SPEC's flat JSON object, and only valid objects read back. */
class FlatJsonTest {

    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);
    private static final JsonSerde<GenerationEvent> GENERATIONS = JsonSerde.of(GenerationEvent.class);
    private static final JsonMapper JSON = new JsonMapper();

    private static final WindowResult RESULT = WindowResult.of(
            42,
            1_767_225_600_000L,
            new WindowResult.Counts(3, 2, 2, 7, 3.5),
            new WindowResult.State(1.0 / 3, 0.6000000000000001, 2.0, 7.0, 3.5, Math.nextUp(3.0)),
            ScoreParameters.DEFAULTS,
            5);

    @Test
    void aWindowResultIsOneFlatObjectWithSpecsFieldNames() {
        JsonNode json = JSON.readTree(RESULTS.write(RESULT));

        assertThat(json.propertyNames())
                .containsExactly(
                        "postId",
                        "windowStart",
                        "windowEnd",
                        "ratingsInWindow",
                        "newRaters",
                        "burstWeight",
                        "baseline",
                        "ratingCount",
                        "ratingSum",
                        "rawAverage",
                        "weightedCount",
                        "weightedSum",
                        "target",
                        "score",
                        "algorithm",
                        "windowSizeMs",
                        "decayFactor",
                        "priorMean",
                        "priorWeight",
                        "burstFactor",
                        "burstFloor",
                        "baselineSmoothing",
                        "generation");
        assertThat(json.get("windowEnd").asLong()).isEqualTo(1_767_225_900_000L);
        assertThat(json.get("algorithm").asString()).isEqualTo("decay-v1");
        assertThat(json.get("burstWeight").asDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void aWindowResultReadsBackBitForBit() {
        assertThat(RESULTS.read(RESULTS.write(RESULT))).isEqualTo(RESULT);
    }

    @Test
    void unknownPropertiesAreSkippedWhateverTheirShape() {
        String withExtras =
                RESULTS.write(RESULT).replaceFirst("\\{", "{\"extra\":{\"a\":[1,{\"b\":null}]},\"more\":\"x\",");

        assertThat(RESULTS.read(withExtras)).isEqualTo(RESULT);
    }

    @Test
    void aFractionWhereAnIntegerBelongsIsRefusedNamingTheField() {
        String fraction = RESULTS.write(RESULT).replace("\"ratingCount\":2", "\"ratingCount\":2.0");

        assertThatThrownBy(() -> RESULTS.read(fraction))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ratingCount must be an integer");
    }

    @Test
    void aStringWhereANumberBelongsIsRefusedNamingTheField() {
        String text = RESULTS.write(RESULT).replace("\"target\":3.5", "\"target\":\"3.5\"");

        assertThatThrownBy(() -> RESULTS.read(text))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("target must be a number");
    }

    @Test
    void aMissingOrNullFieldIsRefusedNamingIt() {
        String missing = RESULTS.write(RESULT).replace("\"score\":" + Math.nextUp(3.0) + ",", "");
        String nullScore = RESULTS.write(RESULT).replace("\"score\":" + Math.nextUp(3.0), "\"score\":null");

        assertThatThrownBy(() -> RESULTS.read(missing)).hasMessageContaining("score is missing");
        assertThatThrownBy(() -> RESULTS.read(nullScore)).hasMessageContaining("score is null");
    }

    @Test
    void anUnknownAlgorithmIsRefused() {
        String unknown = RESULTS.write(RESULT).replace("\"decay-v1\"", "\"decay-v9\"");

        assertThatThrownBy(() -> RESULTS.read(unknown)).hasMessageContaining("algorithm must be one of");
    }

    @Test
    void parametersOfAGenerationAreFlatToo() {
        GenerationEvent event =
                new GenerationEvent(3, GenerationEvent.GenerationState.CURRENT, ScoreParameters.DEFAULTS, 10_000, 1);

        JsonNode json = JSON.readTree(GENERATIONS.write(event));

        assertThat(json.get("parameters").propertyNames())
                .containsExactlyElementsOf(FlatFields.PARAMETERS.stream()
                        .map(FlatFields.Field::name)
                        .toList());
        assertThat(GENERATIONS.read(GENERATIONS.write(event))).isEqualTo(event);
    }

    @Test
    void aGenerationRecordedBeforeThereWasAChoiceOfAlgorithmComputesDecayV1() {
        String before = "{\"generation\":1,\"state\":\"CURRENT\",\"parameters\":{\"windowSizeMs\":300000,"
                + "\"decayFactor\":0.5,\"priorMean\":2.5,\"priorWeight\":0.0,\"burstFactor\":3.0,"
                + "\"burstFloor\":10.0,\"baselineSmoothing\":0.2},\"graceMs\":10000,\"changedAt\":1}";

        assertThat(GENERATIONS.read(before).parameters()).isEqualTo(ScoreParameters.DEFAULTS);
    }

    @Test
    void theColumnsAreTheSnakeCaseOfTheNames() {
        assertThat(FlatFields.WINDOW_RESULT.stream()
                        .map(FlatFields.Field::column)
                        .toList())
                .startsWith("post_id", "window_start", "window_end", "ratings_in_window")
                .contains("baseline_smoothing", "window_size_ms")
                .doesNotHaveDuplicates();
        assertThat(List.copyOf(FlatFields.WINDOW_RESULT)).hasSize(23);
    }
}
