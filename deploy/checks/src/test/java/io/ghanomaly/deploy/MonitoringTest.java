package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's Prometheus scrapes the services and ports that serve metrics, and the Grafana
 * dashboard queries only metrics that exist: the job's own (as registered in flink-job's sources),
 * Flink's checkpoint and restart metrics, and the API's gauges (scoring-api's sources).
 */
class MonitoringTest {
    static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    /** The job's metrics the dashboard must show (the list). */
    static final List<String> JOB_METRICS =
            List.of(
                    "eventsRead",
                    "parseErrors",
                    "filesRead",
                    "windowsEmitted",
                    "rowsScored",
                    "lateEvents",
                    "driftReports",
                    "alertsRaised");

    /** Flink's own job metrics on the JobManager that a dashboard may use. */
    static final Set<String> FLINK_JOB_METRICS =
            Set.of(
                    "lastCheckpointDuration",
                    "lastCheckpointSize",
                    "numberOfCompletedCheckpoints",
                    "numberOfFailedCheckpoints",
                    "numberOfInProgressCheckpoints",
                    "numRestarts",
                    "uptime",
                    "downtime");

    private static final Pattern METRIC =
            Pattern.compile("\\b(flink_[A-Za-z0-9_]+|gh_anomaly_api_[a-z_]+)\\b");

    private static JsonNode dashboard() {
        return Yaml.document(Repo.read("deploy/compose/grafana/dashboards/gh-anomaly.json"));
    }

    /**
     * The names the job registers as metrics: {@code register(..., "name")}, {@code gauge("name",
     * ...)}.
     */
    static Set<String> jobMetricNames() {
        Set<String> names = new TreeSet<>();
        Pattern p = Pattern.compile("(?:register\\([^;]*?|counter\\(|gauge\\(\\s*)\"([A-Za-z]+)\"");
        for (var f : Repo.files(Repo.path("flink-job/src/main/java"), ".java")) {
            Matcher m = p.matcher(Repo.read(f));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The metrics of an expression that nothing exports. */
    static List<String> unknownMetrics(String expr) {
        Set<String> job = jobMetricNames();
        String api =
                String.join(
                        "\n",
                        Repo.files(Repo.path("scoring-api/src/main/java"), ".java").stream()
                                .map(Repo::read)
                                .toList());
        List<String> unknown = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            String name = m.group(1);
            boolean jobs =
                    name.startsWith(OPERATOR) && job.contains(name.substring(OPERATOR.length()));
            boolean flinks =
                    name.startsWith("flink_jobmanager_job_")
                            && FLINK_JOB_METRICS.contains(
                                    name.substring("flink_jobmanager_job_".length()));
            boolean apis = name.startsWith("gh_anomaly_api_") && api.contains("\"" + name + "\"");
            boolean known = jobs || flinks || apis;
            if (!known) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static List<String> expressions() {
        List<String> exprs = new ArrayList<>();
        dashboard()
                .path("panels")
                .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }

    @Test
    void theDashboardQueriesOnlyMetricsThatExist() {
        for (String expr : expressions()) {
            assertThat(unknownMetrics(expr)).as(expr).isEmpty();
        }
    }

    @Test
    void theDashboardShowsTheJobsMetricsAndItsCheckpoints() {
        String all = String.join("\n", expressions());
        for (String metric : JOB_METRICS) {
            assertThat(all).containsPattern(OPERATOR + metric + "\\b");
        }
        assertThat(all)
                .contains(
                        "flink_jobmanager_job_lastCheckpointDuration",
                        "flink_jobmanager_job_numberOfCompletedCheckpoints",
                        "flink_jobmanager_job_numRestarts");
    }

    @Test
    void aMisspeltMetricIsCaught() {
        List<String> unknown =
                unknownMetrics(
                        "sum(rate("
                                + OPERATOR
                                + "eventRead[5m])) + max(gh_anomaly_api_model_loded)");
        unknown.forEach(u -> System.out.println("caught as intended: unknown metric " + u));
        assertThat(unknown).containsExactly(OPERATOR + "eventRead", "gh_anomaly_api_model_loded");
    }

    @Test
    void everyPanelUsesTheProvisionedDataSource() {
        String uid =
                Yaml.document(
                                Repo.read(
                                        "deploy/compose/grafana/provisioning/datasources/prometheus.yaml"))
                        .at("/datasources/0/uid")
                        .asText();
        dashboard()
                .path("panels")
                .forEach(
                        p -> {
                            assertThat(p.at("/datasource/uid").asText()).isEqualTo(uid);
                            p.path("targets")
                                    .forEach(
                                            t ->
                                                    assertThat(t.at("/datasource/uid").asText())
                                                            .isEqualTo(uid));
                        });
        String path =
                Yaml.document(
                                Repo.read(
                                        "deploy/compose/grafana/provisioning/dashboards/gh-anomaly.yaml"))
                        .at("/providers/0/options/path")
                        .asText();
        assertThat(Compose.service("grafana").path("volumes").toString())
                .contains("./grafana/dashboards:" + path + ":ro");
    }

    @Test
    void prometheusScrapesTheServicesOnTheirMetricsPorts() {
        JsonNode config = Yaml.document(Repo.read("deploy/compose/prometheus/prometheus.yml"));
        JsonNode services = Compose.read().path("services");
        String reporterPort =
                Compose.flinkProperties(services.path("jobmanager"))
                        .get("metrics.reporter.prom.port");
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sd : job.path("dns_sd_configs")) {
                assertThat(sd.path("port").asText()).isEqualTo(reporterPort);
                sd.path("names")
                        .forEach(n -> assertThat(services.has(n.asText())).as(n.asText()).isTrue());
            }
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode t : sc.path("targets")) {
                    String[] hostPort = t.asText().split(":", -1);
                    assertThat(services.has(hostPort[0])).as(hostPort[0]).isTrue();
                    assertThat(services.path(hostPort[0]).path("command").toString())
                            .contains("\"--port\",\"" + hostPort[1] + "\"");
                }
            }
        }
        assertThat(Compose.service("prometheus").path("volumes").toString())
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
    }
}
