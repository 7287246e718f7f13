package dev.ratings.stream.generations;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /admin/replays}, checked strictly since it changes what every user sees:
 * exactly one JSON object {@code {"set": {"ratings.<setting>": "<value>", ...}}} ({@code {}} replays
 * with the configured settings); no other field, no duplicate key, nothing after the object.
 */
final class ReplayRequestBody {

    static final String USAGE =
            "{\"set\":{\"ratings.<setting>\":\"<value>\"}} ({} replays with the configured" + " settings)";

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ReplayRequestBody() {}

    /**
     * The settings to override, by name.
     *
     * @throws InvalidReplayRequestException naming what is wrong
     */
    static Map<String, String> overrides(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidReplayRequestException("body", "is required: " + USAGE);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidReplayRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReplayRequestException("body", "must be a JSON object: " + USAGE);
        }
        for (String field : root.propertyNames()) {
            if (!field.equals("set")) {
                throw new InvalidReplayRequestException(field, "is not a field of a replay request: " + USAGE);
            }
        }
        JsonNode set = root.get("set");
        Map<String, String> overrides = new LinkedHashMap<>();
        if (set == null) {
            return overrides;
        }
        if (!set.isObject()) {
            throw new InvalidReplayRequestException("set", "must be an object of setting names and values");
        }
        for (Map.Entry<String, JsonNode> setting : set.properties()) {
            JsonNode value = setting.getValue();
            if (!value.isString() && !value.isNumber()) {
                throw new InvalidReplayRequestException(
                        "set." + setting.getKey(), "must be a string or a number, got " + value);
            }
            overrides.put(setting.getKey(), value.asString());
        }
        return overrides;
    }
}
