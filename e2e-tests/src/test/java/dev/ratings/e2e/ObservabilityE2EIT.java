package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees of the running services: the Grafana dashboard's queries read metrics the
 * services really expose, every meter names its service, and the probes answer on the management
 * port, and the logs are JSON when asked to. Grafana itself does not run here; its queries are
 * checked against the real expositions.
 */
class ObservabilityE2EIT {

    private static final List<String> SERVICES = List.of("ingest-api", "stream-processor", "sink");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(Duration.ofSeconds(2), Duration.ofSeconds(1))
            .withEnvironment("RATINGS_LOG_FORMAT", "ecs");

    /** Some traffic all the way to PostgreSQL, so that the meters created on first use exist. */
    @BeforeAll
    static void rateAndWaitForTheWindowToBeWritten() {
        long post = pipeline.api().createPost("alice", "observed");
        pipeline.api().rate("u1", post, 4);
        pipeline.api().rate("u2", post, 2);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.api().windows(post).get("items").size() == 1);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposedByAService() throws IOException {
        Path dashboard = DashboardQueries.PIPELINE_DASHBOARD;
        assertThat(dashboard).exists();
        Set<String> queried = DashboardQueries.metricNames(dashboard);
        assertThat(queried).as("metrics of %s", dashboard).hasSizeGreaterThan(10);

        Path seen = Path.of("target", "e2e", "exposed-metrics.txt");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Set<String> exposed = new TreeSet<>();
                    SERVICES.forEach(service -> exposed.addAll(scrape(service).metricNames()));
                    Files.writeString(seen, String.join("\n", exposed));
                    assertThat(exposed)
                            .as("metrics exposed by the three services (all of them in %s)", seen)
                            .containsAll(queried);
                });
    }

    @Test
    void everyLabelValueTheDashboardSelectsExists() {
        List<DashboardQueries.Selector> selectors = DashboardQueries.selectors(DashboardQueries.PIPELINE_DASHBOARD);
        assertThat(selectors).hasSizeGreaterThan(10);
        List<Exposition.Series> series = SERVICES.stream()
                .flatMap(service -> scrape(service).series().stream())
                .toList();

        for (DashboardQueries.Selector selector : selectors) {
            assertThat(series)
                    .as("a series %s with %s", selector.metric(), selector.equalTo())
                    .anyMatch(exposed -> exposed.name().equals(selector.metric()) && exposed.has(selector.equalTo()));
        }
    }

    @Test
    void everyMeterOfEveryServiceCarriesItsApplicationTag() {
        for (String service : SERVICES) {
            List<String> untagged = scrape(service).samples().stream()
                    .filter(sample -> !sample.contains("application=\"" + service + "\""))
                    .toList();
            assertThat(untagged)
                    .as("samples of %s without application=\"%s\"", service, service)
                    .isEmpty();
        }
    }

    @Test
    void livenessAndReadinessAnswerOnTheManagementPortOfEveryService() {
        for (String service : SERVICES) {
            for (String probe : List.of("liveness", "readiness")) {
                HttpResponse<String> response = get(pipeline.managementUrl(service) + "/actuator/health/" + probe);
                assertThat(response.statusCode()).as("%s %s", service, probe).isEqualTo(200);
                assertThat(response.body()).as("%s %s", service, probe).contains("\"status\":\"UP\"");
            }
        }
    }

    @Test
    void withRatingsLogFormatEcsEveryServiceLogsJsonNamingItself() throws IOException {
        for (String service : SERVICES) {
            String started = Files.readAllLines(pipeline.log(service)).stream()
                    .filter(line -> line.contains("Started ") && line.contains("Application"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no startup line in " + pipeline.log(service)));
            JsonNode json = new JsonMapper().readTree(started);
            assertThat(json.path("service").path("name").asString()).as(started).isEqualTo(service);
            assertThat(json.path("log").path("level").asString()).as(started).isEqualTo("INFO");
        }
    }

    private static Exposition scrape(String service) {
        HttpResponse<String> response = get(pipeline.managementUrl(service) + "/actuator/prometheus");
        assertThat(response.statusCode()).as("%s /actuator/prometheus", service).isEqualTo(200);
        return new Exposition(response.body());
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
