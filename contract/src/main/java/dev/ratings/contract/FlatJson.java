package dev.ratings.contract;

import dev.ratings.contract.FlatFields.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * JSON of the flat values, written and read from {@link FlatFields}. Jackson's {@code @JsonUnwrapped}
 * would flatten the nested records too, but it cannot leave out a whole group of fields that is
 * null (an unwrapped null writes nothing and does not read back: every property of the group is
 * then reported missing), and it would not give the SQL edge its columns; see {@code docs/design.md}.
 *
 * <p>Reading is as strict as the contract's serde: a missing or null field, a fraction where an
 * integer belongs, a string where a number belongs are errors naming the field; unknown properties
 * are skipped, so producers can add fields before consumers know them.
 */
final class FlatJson {

    private static final Map<String, Field<WindowResult>> WINDOW_RESULT_FIELDS = byName(FlatFields.WINDOW_RESULT);
    private static final Map<String, Field<ScoreParameters>> PARAMETER_FIELDS = byName(FlatFields.PARAMETERS);

    private FlatJson() {}

    static final class WindowResultWriter extends ValueSerializer<WindowResult> {
        @Override
        public void serialize(WindowResult value, JsonGenerator json, SerializationContext context) {
            write(json, value, FlatFields.WINDOW_RESULT);
        }
    }

    static final class WindowResultReader extends ValueDeserializer<WindowResult> {
        @Override
        public WindowResult deserialize(JsonParser json, DeserializationContext context) {
            return FlatFields.windowResult(read(json, WINDOW_RESULT_FIELDS));
        }
    }

    static final class ParametersWriter extends ValueSerializer<ScoreParameters> {
        @Override
        public void serialize(ScoreParameters value, JsonGenerator json, SerializationContext context) {
            write(json, value, FlatFields.PARAMETERS);
        }
    }

    static final class ParametersReader extends ValueDeserializer<ScoreParameters> {
        @Override
        public ScoreParameters deserialize(JsonParser json, DeserializationContext context) {
            return FlatFields.parameters(read(json, PARAMETER_FIELDS), false);
        }
    }

    private static <T> void write(JsonGenerator json, T value, List<Field<T>> fields) {
        json.writeStartObject(value);
        for (Field<T> field : fields) {
            json.writeName(field.name());
            Object fieldValue = field.value().apply(value);
            if (fieldValue == null) {
                json.writeNull();
            } else if (fieldValue instanceof String text) {
                json.writeString(text);
            } else if (fieldValue instanceof Double number) {
                json.writeNumber(number);
            } else {
                json.writeNumber(((Number) fieldValue).longValue());
            }
        }
        json.writeEndObject();
    }

    private static <T> FlatFields.Values read(JsonParser json, Map<String, Field<T>> byName) {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected a JSON object, got " + json.currentToken());
        }
        Map<String, Object> values = new HashMap<>();
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken token = json.nextToken();
            Field<T> field = byName.get(name);
            if (field == null) {
                json.skipChildren();
            } else {
                values.put(name, token == JsonToken.VALUE_NULL ? null : value(json, token, field));
            }
        }
        return new FlatFields.Values() {
            @Override
            public boolean has(Field<?> field) {
                return values.containsKey(field.name());
            }

            @Override
            public Object get(Field<?> field) {
                return values.get(field.name());
            }
        };
    }

    private static Object value(JsonParser json, JsonToken token, Field<?> field) {
        switch (field.kind()) {
            case INTEGER, INSTANT -> {
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    return json.getLongValue();
                }
            }
            case NUMBER -> {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return json.getDoubleValue();
                }
            }
            case TEXT -> {
                if (token == JsonToken.VALUE_STRING) {
                    return json.getString();
                }
            }
        }
        throw new IllegalArgumentException(field.name() + " must be " + EXPECTED.get(field.kind()) + ", got " + token);
    }

    private static final Map<FlatFields.Kind, String> EXPECTED = Map.of(
            FlatFields.Kind.INTEGER, "an integer",
            FlatFields.Kind.INSTANT, "an integer (epoch milliseconds)",
            FlatFields.Kind.NUMBER, "a number",
            FlatFields.Kind.TEXT, "a string");

    private static <T> Map<String, Field<T>> byName(List<Field<T>> fields) {
        Map<String, Field<T>> index = new HashMap<>();
        fields.forEach(field -> index.put(field.name(), field));
        return Map.copyOf(index);
    }
}
