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
 * instants as ISO strings as everywhere in HTTP JSON, and under decay-v2 the share of the target's
 * weight that raters on probation hold ({@value #PROBATION_WEIGHT_SHARE}; null under decay-v1).
 */
@Schema(
        description = "A window result: the fields of the contract's window-result JSON Schema, with windowStart and"
                + " windowEnd as ISO-8601 UTC strings, and probationWeightShare: under decay-v2 the share of the"
                + " target's weight held by raters on probation, probationScale * probationWeight / weightedCount"
                + " (null under decay-v1); trustedInWindow and probationInWindow count the window's ratings by"
                + " trusted raters and by raters on probation",
        type = "object")
record WindowView(@JsonValue Map<String, Object> fields) {

    static final String PROBATION_WEIGHT_SHARE = "probationWeightShare";

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
        fields.put(
                PROBATION_WEIGHT_SHARE,
                result.pools() == null ? null : result.pools().probationWeightShare());
        return new WindowView(fields);
    }
}
