package dev.ratings.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void withoutPortsTheSingleInstancePortsAreUsed() {
        Services services = Services.from(Map.of());

        assertThat(services.ingestApi()).isEqualTo(URI.create("http://127.0.0.1:8080/"));
        assertThat(services.streamProcessor()).isEqualTo(URI.create("http://127.0.0.1:8081/"));
        assertThat(services.sink()).isEqualTo(URI.create("http://127.0.0.1:8082/"));
    }

    @Test
    void thePortsOfSeveralInstancesComeFromTheEnvironment() {
        Services services = Services.from(Map.of(
                "RATINGS_APP_HOST", "::1",
                "RATINGS_APP_PORT_INGEST_API", "8080",
                "RATINGS_APP_PORT_STREAM_PROCESSOR", "8281",
                "RATINGS_APP_PORT_SINK", " 8182 "));

        assertThat(services.ingestApi()).isEqualTo(URI.create("http://[::1]:8080/"));
        assertThat(services.streamProcessor()).isEqualTo(URI.create("http://[::1]:8281/"));
        assertThat(services.sink()).isEqualTo(URI.create("http://[::1]:8182/"));
    }

    @Test
    void aPortThatIsNoPortIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Services.from(Map.of("RATINGS_APP_PORT_SINK", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RATINGS_APP_PORT_SINK");
        assertThatThrownBy(() -> Services.from(Map.of("RATINGS_APP_PORT_STREAM_PROCESSOR", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RATINGS_APP_PORT_STREAM_PROCESSOR");
    }
}
