package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DashboardQueriesTest {

    @Test
    void findsTheMetricsOfAQueryButNotItsFunctionsLabelsOrRanges() {
        String expr = "histogram_quantile(0.99, sum by (le, application) (rate(ratings_sink_write_seconds_bucket"
                + "{application=\"sink\", table=~\"post_.*\"}[$__rate_interval])))"
                + " / on (application) group_left max(kafka_consumer_fetch_manager_records_lag_max) > 0.5";

        assertThat(DashboardQueries.metricNames(expr))
                .containsExactlyInAnyOrder(
                        "ratings_sink_write_seconds_bucket", "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void findsABareMetricAndOneWithoutLabels() {
        assertThat(DashboardQueries.metricNames("ratings_generation_current"))
                .containsExactly("ratings_generation_current");
        assertThat(DashboardQueries.metricNames("sum(increase(ratings_late_total[1h])) or vector(0)"))
                .containsExactly("ratings_late_total");
    }

    @Test
    void findsTheLabelsASelectorRequiresEvenWithBracesInAValue() {
        String expr = "sum by (status) (rate(http_server_requests_seconds_count{application=\"ingest-api\", "
                + "uri=\"/api/posts/{postId}/rate\", status!=\"202\"}[$__rate_interval])) + ratings_late_total";

        assertThat(DashboardQueries.selectors(expr))
                .containsExactly(new DashboardQueries.Selector(
                        "http_server_requests_seconds_count",
                        Map.of("application", "ingest-api", "uri", "/api/posts/{postId}/rate")));
        assertThat(DashboardQueries.metricNames(expr))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "ratings_late_total");
    }

    @Test
    void thePipelineDashboardReadsTheProvisionedPrometheusAndItsPanelIdsAreUnique() throws Exception {
        String provisioning =
                Files.readString(Path.of("..", "ops", "grafana", "provisioning", "datasources", "prometheus.yml"));
        Matcher uid = Pattern.compile("(?m)^\\s+uid: (\\S+)$").matcher(provisioning);
        assertThat(uid.find()).as("a datasource uid in the provisioning").isTrue();
        JsonNode dashboard = new JsonMapper().readTree(Files.readString(DashboardQueries.PIPELINE_DASHBOARD));

        assertThat(dashboard.findValues("datasource"))
                .isNotEmpty()
                .allSatisfy(datasource ->
                        assertThat(datasource.get("uid").asString()).isEqualTo(uid.group(1)));
        assertThat(dashboard
                        .get("panels")
                        .valueStream()
                        .map(panel -> panel.get("id").asInt()))
                .doesNotHaveDuplicates();
    }
}
