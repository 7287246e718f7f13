package dev.ratings.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The nested window result travels as SPEC's flat JSON object, and only valid objects read back. */
class FlatJsonTest {

    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);
    private static final JsonSerde<GenerationEvent> GENERATIONS = JsonSerde.of(GenerationEvent.class);
    private static final JsonMapper JSON = new JsonMapper();

    private static final WindowResult RESULT = Samples.DECAY_V1;

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
                        "trustedInWindow",
                        "probationInWindow",
                        "probationBurstWeight",
                        "probationBaseline",
                        "trustedWeight",
                        "trustedWeightedSum",
                        "probationWeight",
                        "probationWeightedSum",
                        "probationScale",
                        "algorithm",
                        "windowSizeMs",
                        "decayFactor",
                        "priorMean",
                        "priorWeight",
                        "burstFactor",
                        "burstFloor",
                        "baselineSmoothing",
                        "trustFloor",
                        "trustAgeWindows",
                        "trustPosts",
                        "probationShare",
                        "probationFloor",
                        "generation");
        assertThat(json.get("windowEnd").asLong()).isEqualTo(1_767_225_900_000L);
        assertThat(json.get("trustedInWindow").isNull())
                .as("null under decay-v1")
                .isTrue();
        assertThat(json.get("trustFloor").isNull()).isTrue();
        assertThat(json.get("algorithm").asString()).isEqualTo("decay-v1");
        assertThat(json.get("burstWeight").asDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void aWindowResultReadsBackBitForBit() {
        assertThat(RESULTS.read(RESULTS.write(RESULT))).isEqualTo(RESULT);
    }

    @Test
    void aDecayV2ResultReadsBackBitForBit() {
        String json = RESULTS.write(Samples.DECAY_V2);

        assertThat(JSON.readTree(json).get("probationScale").asDouble()).isEqualTo(0.6);
        assertThat(JSON.readTree(json).get("trustAgeWindows").asLong()).isEqualTo(2016);
        assertThat(RESULTS.read(json)).isEqualTo(Samples.DECAY_V2);
    }

    @Test
    void aDecayV1ResultWrittenBeforeTheTrustFieldsExistedReadsBack() {
        ObjectNode before = (ObjectNode) JSON.readTree(RESULTS.write(RESULT));
        FlatFields.WINDOW_RESULT.stream()
                .filter(FlatFields.Field::optional)
                .forEach(field -> before.remove(field.name()));

        assertThat(RESULTS.read(before.toString())).isEqualTo(RESULT);
    }

    @Test
    void aDecayV2ResultMissingOneOfItsPoolFieldsIsRefusedNamingIt() {
        String withoutScale = RESULTS.write(Samples.DECAY_V2).replaceFirst("\"probationScale\":[^,]*,", "");

        assertThatThrownBy(() -> RESULTS.read(withoutScale)).hasMessageContaining("probationScale is missing");
    }

    @Test
    void poolFieldsOnADecayV1ResultAreRefused() {
        String v1WithPools = RESULTS.write(Samples.DECAY_V2).replace("\"decay-v2\"", "\"decay-v1\"");

        assertThatThrownBy(() -> RESULTS.read(v1WithPools)).hasMessageContaining("decay-v2");
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
        GenerationEvent event = new GenerationEvent(
                3, GenerationEvent.GenerationState.CURRENT, ScoreParameters.DECAY_V2_DEFAULTS, 10_000, 1);

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
        assertThat(List.copyOf(FlatFields.WINDOW_RESULT)).hasSize(23 + 9 + 5);
    }
}
