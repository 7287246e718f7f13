package dev.ratings.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code docs/openapi.json} is the OpenAPI description the running service serves, so that a reader
 * of the repository sees the API as it is. After a change of the API, rewrite it with {@code mvn
 * -B -pl ingest-api -am verify -Dit.test=OpenApiDocumentIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dratings.openapi.write=true} and review the diff.
 */
@TestPropertySource(properties = {"ratings.redis.url=" + RedisKeys.URL, RedisKeys.PATIENT})
class OpenApiDocumentIT extends RunningServiceWithBroker {

    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theCheckedInDescriptionIsTheOneTheServiceServes() throws IOException {
        HttpResponse<String> served = api.get("/v3/api-docs", null);
        assertThat(served.statusCode()).isEqualTo(200);
        ObjectNode document = withoutServers(served.body());

        if (Boolean.getBoolean("ratings.openapi.write")) {
            Files.writeString(CHECKED_IN, JSON.writeValueAsString(document) + "\n");
        }

        assertThat(CHECKED_IN).exists();
        assertThat(withoutServers(Files.readString(CHECKED_IN)))
                .as(
                        "%s differs from GET /v3/api-docs: rewrite it with -Dratings.openapi.write=true (see %s)",
                        CHECKED_IN, OpenApiDocumentIT.class.getSimpleName())
                .isEqualTo(document);
    }

    /** The server address is the test's random port, not part of the API. */
    private static ObjectNode withoutServers(String json) {
        ObjectNode document = (ObjectNode) JSON.readTree(json);
        document.remove("servers");
        return document;
    }
}
