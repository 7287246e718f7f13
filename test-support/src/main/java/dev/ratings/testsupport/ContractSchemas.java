package dev.ratings.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published JSON Schemas of the contract (classpath {@code schemas/}), for checking real records. */
public final class ContractSchemas {

    public static final String RATING_EVENT = "schemas/rating-event.schema.json";
    public static final String WINDOW_RESULT = "schemas/window-result.schema.json";
    public static final String GENERATION_EVENT = "schemas/generation-event.schema.json";
    public static final String POST_EVENT = "schemas/post-event.schema.json";

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ContractSchemas() {}

    /** What is wrong with {@code json} according to the schema; empty when it conforms. */
    public static List<String> violations(String schemaResource, String json) {
        return load(schemaResource).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static Schema load(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource + " on the classpath");
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
