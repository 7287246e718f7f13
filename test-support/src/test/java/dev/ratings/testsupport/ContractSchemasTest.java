package dev.ratings.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.GenerationEvent;
import dev.ratings.contract.GenerationEvent.GenerationState;
import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.PostEvent;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.Topics;
import dev.ratings.contract.WindowResult;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Schemas describe what the serde really writes, and reject what it would refuse. */
class ContractSchemasTest {

    private static final JsonSerde<RatingEvent> EVENTS = JsonSerde.of(RatingEvent.class);
    private static final JsonSerde<WindowResult> RESULTS = JsonSerde.of(WindowResult.class);
    private static final JsonSerde<GenerationEvent> GENERATIONS = JsonSerde.of(GenerationEvent.class);
    private static final JsonSerde<PostEvent> POSTS = JsonSerde.of(PostEvent.class);

    /** The schema of the values of every topic other systems read or write. */
    private static final Map<String, String> SCHEMA_OF_TOPIC = Map.of(
            Topics.RATINGS, ContractSchemas.RATING_EVENT,
            Topics.POST_RATING_WINDOWS, ContractSchemas.WINDOW_RESULT,
            Topics.POST_SCORES, ContractSchemas.WINDOW_RESULT,
            Topics.SCORE_GENERATIONS, ContractSchemas.GENERATION_EVENT,
            Topics.POSTS, ContractSchemas.POST_EVENT);

    private static final WindowResult DECAY_V2 = WindowResult.of(
            43,
            1_767_225_600_000L,
            new WindowResult.Counts(12, 12, 12, 30, 2.5),
            new WindowResult.State(1.0, 0.4, 2.3, 8.1, 3.5217391304347827, 3.0130434782608697),
            new WindowResult.Pools(2, 10, 1.0, 2.0, 2.0, 7.0, 0.5, 1.1, 0.6),
            ScoreParameters.DECAY_V2_DEFAULTS,
            6);

    @Test
    void ratingEventsAsWrittenConformToTheirSchema() {
        String json = EVENTS.write(new RatingEvent(UUID.randomUUID(), 42, "alice@example.org", 0, 1_767_225_600_123L));
        assertThat(ContractSchemas.violations(ContractSchemas.RATING_EVENT, json))
                .isEmpty();
    }

    @Test
    void postEventsAsWrittenConformToTheirSchema() {
        String json = POSTS.write(new PostEvent(7, "Hello", "", "alice@example.org", 1_767_225_600_123L));
        assertThat(ContractSchemas.violations(ContractSchemas.POST_EVENT, json)).isEmpty();
    }

    @Test
    void schemaAndSerdeRejectAPostWithoutTitleOrWithIdZero() {
        String noTitle = "{\"id\":1,\"title\":\"\",\"body\":\"\",\"authorId\":\"a\",\"createdAt\":1}";
        String idZero = "{\"id\":0,\"title\":\"t\",\"body\":\"\",\"authorId\":\"a\",\"createdAt\":1}";

        assertThat(ContractSchemas.violations(ContractSchemas.POST_EVENT, noTitle))
                .isNotEmpty();
        assertThat(ContractSchemas.violations(ContractSchemas.POST_EVENT, idZero))
                .isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> POSTS.read(noTitle))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> POSTS.read(idZero))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }

    @Test
    void windowResultsAsWrittenConformToTheirSchema() {
        WindowResult result = WindowResult.of(
                42,
                1_767_225_600_000L,
                new WindowResult.Counts(3, 2, 2, 7, 3.5),
                new WindowResult.State(1.0, 0.6, 2.0, 7.0, 3.5, 3.0),
                null,
                ScoreParameters.DEFAULTS,
                1);
        assertThat(ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, RESULTS.write(result)))
                .isEmpty();
    }

    @Test
    void decayV2ResultsAsWrittenConformAndLosingAPoolFieldDoesNot() {
        String json = RESULTS.write(DECAY_V2);
        String withoutScale = json.replaceFirst("\"probationScale\":[^,]*,", "");
        String v1WithPools = json.replace("\"decay-v2\"", "\"decay-v1\"");

        assertThat(ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, json))
                .isEmpty();
        assertThat(ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, withoutScale))
                .isNotEmpty();
        assertThat(ContractSchemas.violations(ContractSchemas.WINDOW_RESULT, v1WithPools))
                .isNotEmpty();
    }

    @Test
    void theWindowResultSchemaDescribesExactlyTheFlatFields() throws Exception {
        JsonNode schema = schema(ContractSchemas.WINDOW_RESULT);
        List<String> names =
                FlatFields.WINDOW_RESULT.stream().map(FlatFields.Field::name).toList();
        List<String> always = FlatFields.WINDOW_RESULT.stream()
                .filter(field -> !field.optional())
                .map(FlatFields.Field::name)
                .toList();

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(schema.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(always);
    }

    @Test
    void everyTopicHasASchemaWhoseDescriptionNamesIt() throws Exception {
        List<String> topics = Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().equals("DEAD_LETTER_SUFFIX"))
                .map(ContractSchemasTest::valueOf)
                .toList();

        assertThat(SCHEMA_OF_TOPIC.keySet()).containsExactlyInAnyOrderElementsOf(topics);
        for (Map.Entry<String, String> topic : SCHEMA_OF_TOPIC.entrySet()) {
            assertThat(schema(topic.getValue()).get("description").asString())
                    .as(topic.getValue())
                    .contains("`" + topic.getKey() + "`");
        }
    }

    @Test
    void generationEventsAsWrittenConformToTheirSchema() {
        for (GenerationState state : GenerationState.values()) {
            for (ScoreParameters parameters : List.of(ScoreParameters.DEFAULTS, ScoreParameters.DECAY_V2_DEFAULTS)) {
                String json = GENERATIONS.write(new GenerationEvent(3, state, parameters, 10_000, 1_767_225_600_000L));
                assertThat(ContractSchemas.violations(ContractSchemas.GENERATION_EVENT, json))
                        .as(json)
                        .isEmpty();
            }
        }
    }

    @Test
    void generationSchemaRejectsAnUnknownStateAndDecayV2WithoutTrust() {
        String v2 = GENERATIONS.write(
                new GenerationEvent(2, GenerationState.CURRENT, ScoreParameters.DECAY_V2_DEFAULTS, 10_000, 1));
        String unknownState = v2.replace("\"CURRENT\"", "\"PROMOTED\"");
        String noTrust = v2.replaceFirst("\"trustFloor\":[^,]*,", "");

        assertThat(ContractSchemas.violations(ContractSchemas.GENERATION_EVENT, unknownState))
                .isNotEmpty();
        assertThat(ContractSchemas.violations(ContractSchemas.GENERATION_EVENT, noTrust))
                .isNotEmpty();
    }

    @Test
    void schemaRejectsARatingOutOfRangeAndAMissingField() {
        String tooHigh = "{\"ratingId\":\"" + UUID.randomUUID()
                + "\",\"postId\":1,\"userId\":\"u\",\"rating\":6,\"acceptedAt\":1}";
        String noUser = "{\"ratingId\":\"" + UUID.randomUUID() + "\",\"postId\":1,\"rating\":3,\"acceptedAt\":1}";
        assertThat(ContractSchemas.violations(ContractSchemas.RATING_EVENT, tooHigh))
                .isNotEmpty();
        assertThat(ContractSchemas.violations(ContractSchemas.RATING_EVENT, noUser))
                .isNotEmpty();
    }

    @Test
    void serdeRefusesWhatTheSchemaRefuses() {
        String tooHigh = "{\"ratingId\":\"" + UUID.randomUUID()
                + "\",\"postId\":1,\"userId\":\"u\",\"rating\":6,\"acceptedAt\":1}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EVENTS.read(tooHigh))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("rating");
    }

    private static JsonNode schema(String resource) throws Exception {
        try (InputStream in = ContractSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new JsonMapper().readTree(in);
        }
    }

    private static String valueOf(Field constant) {
        try {
            return (String) constant.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
