package dev.ratings.ingest.windows;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ratings.contract.FlatFields;
import dev.ratings.contract.WindowResult;
import dev.ratings.ingest.web.IsoInstants;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A window result as in Kafka (the flat fields of {@link FlatFields#WINDOW_RESULT}), with its
 * instants as ISO strings as everywhere in HTTP JSON.
 */
@Schema(
        description = "A window result: the fields of the contract's window-result JSON Schema, with windowStart and"
                + " windowEnd as ISO-8601 UTC strings",
        type = "object")
record WindowView(@JsonValue Map<String, Object> fields) {

    static WindowView of(WindowResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FlatFields.Field<WindowResult> field : FlatFields.WINDOW_RESULT) {
            Object value = field.value().apply(result);
            fields.put(
                    field.name(),
                    field.kind() == FlatFields.Kind.INSTANT && value != null
                            ? IsoInstants.format((Long) value)
                            : value);
        }
        return new WindowView(fields);
    }
}
