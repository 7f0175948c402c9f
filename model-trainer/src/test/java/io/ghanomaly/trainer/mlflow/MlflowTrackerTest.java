package io.ghanomaly.trainer.mlflow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.ghanomaly.trainer.mlflow.FakeMlflowServer.ModelVersion;
import io.ghanomaly.trainer.mlflow.MlflowClient.MlflowException;
import io.ghanomaly.trainer.mlflow.MlflowTracker.FailedStep;
import io.ghanomaly.trainer.mlflow.MlflowTracker.TrackingResult;
import io.ghanomaly.trainer.mlflow.TrainingRecord.Artifact;
import io.ghanomaly.trainer.mlflow.TrainingRecord.Evaluation;
import io.ghanomaly.trainer.mlflow.TrainingRecord.ModelParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that a training reaches MLflow whole, and that MLflow trouble never escapes the tracker.
 */
class MlflowTrackerTest {
    private static final Instant TRAINED = Instant.parse("2025-01-08T06:00:00Z");

    private FakeMlflowServer server;
    private MlflowClient client;
    private MlflowTracker tracker;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeMlflowServer();
        client = new MlflowClient(server.uri(), Duration.ofSeconds(5));
        tracker = new MlflowTracker(client, "gh-anomaly");
    }

    @AfterEach
    void stopServer() {
        try {
            assertThat(server.takeViolations()).as("requests MLflow would refuse").isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void recordsARunWithEveryRequiredParamMetricAndArtifactAndRegistersAChampionVersion() {
        TrainingRecord record = record("20250108T060000Z-3f2a9c1e", true);

        TrackingResult result = tracker.track(record);

        assertThat(result.failedSteps()).isEmpty();
        assertThat(result.registeredVersion()).isEqualTo("1");
        FakeMlflowServer.Run run = server.run(result.runId());
        assertThat(run.experimentId()).isEqualTo(server.experiments().get("gh-anomaly"));
        assertThat(run.name()).isEqualTo("20250108T060000Z-3f2a9c1e");
        assertThat(run.startTime()).isEqualTo(TRAINED.toEpochMilli());
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.endTime()).isGreaterThanOrEqualTo(run.startTime());
        assertThat(run.params())
                .containsOnly(
                        entry("timestamp", "2025-01-08T06:00:00Z"),
                        entry("model_type", "isolation_forest"),
                        entry("n_estimators", "100"),
                        entry("sample_size", "256"),
                        entry("contamination", "0.05"),
                        entry("feature_version", "3"),
                        entry("seed", "7"));
        assertThat(run.metrics())
                .containsOnly(
                        entry("mean_anomaly_score", 0.42),
                        entry("num_anomalies", 50.0),
                        entry("num_total", 1000.0),
                        entry("anomaly_rate", 0.05),
                        entry("auc", 0.91),
                        entry("training_seconds", 12.5));
        String root = run.experimentId() + "/" + result.runId() + "/artifacts/";
        for (Artifact artifact : record.artifacts()) {
            FakeMlflowServer.StoredArtifact stored = server.artifact(root + artifact.name());
            assertThat(stored).as(artifact.name()).isNotNull();
            assertThat(stored.content()).isEqualTo(artifact.content());
            assertThat(stored.contentType()).isEqualTo(artifact.contentType());
        }
        assertThat(server.versions("gh-anomaly"))
                .containsExactly(
                        new ModelVersion(
                                "1",
                                "mlflow-artifacts:/" + root + "model-bundle.json",
                                result.runId()));
        assertThat(server.alias("gh-anomaly", "champion")).isEqualTo("1");
    }

    @Test
    void registersNothingWhenNotPromoting() {
        TrackingResult result = tracker.track(record("candidate", false));

        assertThat(result.complete()).isTrue();
        assertThat(result.registeredVersion()).isNull();
        assertThat(server.versions("gh-anomaly")).isEmpty();
        assertThat(server.count("POST", "registered-models/create")).isZero();
    }

    @Test
    void reusesAnExistingExperimentAndRegisteredModel() {
        TrackingResult first = tracker.track(record("first", true));
        TrackingResult second = tracker.track(record("second", true));

        assertThat(first.complete()).isTrue();
        assertThat(second.complete()).isTrue();
        assertThat(server.count("POST", "experiments/create")).isEqualTo(1);
        assertThat(server.run(second.runId()).experimentId())
                .isEqualTo(server.run(first.runId()).experimentId());
        assertThat(server.versions("gh-anomaly"))
                .extracting(ModelVersion::runId)
                .containsExactly(first.runId(), second.runId());
        assertThat(second.registeredVersion()).isEqualTo("2");
        assertThat(server.alias("gh-anomaly", "champion")).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 429})
    void retriesA503Or429AndThenSucceeds(int status) {
        server.failNext(2, status);

        TrackingResult result = tracker.track(record("retried", true));

        assertThat(result.failedSteps()).isEmpty();
        assertThat(server.count("GET", "experiments/get-by-name")).isEqualTo(3);
        assertThat(server.alias("gh-anomaly", "champion")).isEqualTo(result.registeredVersion());
    }

    @Test
    void givesUpAfterRetriesWhenMlflowKeepsAnswering503AndReturnsTheFailedStepsWithoutThrowing() {
        server.fail(
                FakeMlflowServer.API + "runs/log-batch", 503, "TEMPORARILY_UNAVAILABLE", "busy");

        TrackingResult result = tracker.track(record("unlucky", true));

        assertThat(result.failedSteps()).extracting(FailedStep::step).containsExactly("log-batch");
        assertThat(result.failedSteps().get(0).message())
                .contains("503", "TEMPORARILY_UNAVAILABLE", "busy", "gave up after 3 attempts");
        assertThat(server.count("POST", "runs/log-batch")).isEqualTo(3);
        assertThat(server.run(result.runId()).status()).isEqualTo("FAILED");
        assertThat(result.registeredVersion()).isEqualTo("1");
    }

    @Test
    void returnsAResultWithoutARunWhenEveryRequestFails() {
        server.failNext(Integer.MAX_VALUE, 503);

        TrackingResult result = tracker.track(record("down", true));

        assertThat(result.runId()).isNull();
        assertThat(result.registeredVersion()).isNull();
        assertThat(result.failedSteps()).extracting(FailedStep::step).containsExactly("experiment");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void returnsAResultWithoutARunWhenNothingListens() throws IOException {
        URI closed;
        try (FakeMlflowServer gone = new FakeMlflowServer()) {
            closed = gone.uri();
        }
        MlflowTracker nowhere = new MlflowTracker(new MlflowClient(closed), "gh-anomaly");

        TrackingResult result = nowhere.track(record("unheard", true));

        assertThat(result.runId()).isNull();
        assertThat(result.failedSteps()).extracting(FailedStep::step).containsExactly("experiment");
    }

    @Test
    void aRequestThatHangsTimesOutWithinTheConfiguredTimeout() {
        server.delay(Duration.ofSeconds(30));
        MlflowTracker impatient =
                new MlflowTracker(new MlflowClient(server.uri(), Duration.ofSeconds(1)), "x");

        long start = System.nanoTime();
        TrackingResult result = impatient.track(record("hung", true));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Three 1 s attempts with 0.2 s and 0.8 s between them.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(result.failedSteps()).extracting(FailedStep::step).containsExactly("experiment");
        assertThat(result.failedSteps().get(0).message()).contains("timed out");
        assertThat(server.count("GET", "experiments/get-by-name")).isEqualTo(3);
    }

    @Test
    void aBadRequestIsNotRetried() {
        server.fail(
                FakeMlflowServer.API + "runs/create",
                400,
                "INVALID_PARAMETER_VALUE",
                "Invalid value for start_time");
        String experimentId = client.getOrCreateExperiment("gh-anomaly");

        assertThatThrownBy(() -> client.createRun(experimentId, "bad", 0, Map.of()))
                .isInstanceOf(MlflowException.class)
                .hasMessageContaining("INVALID_PARAMETER_VALUE")
                .hasMessageContaining("Invalid value for start_time")
                .satisfies(e -> assertThat(((MlflowException) e).statusCode()).isEqualTo(400));
        assertThat(server.count("POST", "runs/create")).isEqualTo(1);

        TrackingResult result = tracker.track(record("bad", true));
        assertThat(result.failedSteps()).extracting(FailedStep::step).containsExactly("run");
        assertThat(server.count("POST", "runs/create")).isEqualTo(2);
    }

    @Test
    void splitsALargeBatchWithinMlflowsLimitsAndTruncatesLongParams() {
        String experimentId = client.getOrCreateExperiment("batch");
        String runId = client.createRun(experimentId, "big", 1L, Map.of()).runId();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            params.put("p" + i, "v" + i);
        }
        params.put("long", "x".repeat(7000));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < 2500; i++) {
            metrics.put("m" + i, (double) i);
        }
        metrics.put("not_a_number", Double.NaN);

        client.logBatch(runId, params, metrics, 1L);

        FakeMlflowServer.Run run = server.run(runId);
        assertThat(run.params()).hasSize(251).containsEntry("p249", "v249");
        assertThat(run.params().get("long")).hasSize(6000);
        assertThat(run.metrics()).hasSize(2501).containsEntry("m2499", 2499.0);
        assertThat(run.metrics().get("not_a_number")).isNaN();
        assertThat(server.count("POST", "runs/log-batch")).isEqualTo(3);
    }

    @Test
    void theFakeServerRefusesAndRecordsRequestsMlflowWouldRefuse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String[][] requests = {
            {"runs/create", "{\"experiment_id\": 0}"},
            {"runs/create", "{\"experiment_id\": \"0\", \"start_time\": \"1\"}"},
            {"runs/update", "{\"run_id\": \"r\", \"unknown\": 1}"},
            {
                "runs/log-batch",
                "{\"run_id\": \"r\", \"metrics\": [{\"key\": \"m\", \"value\": 1}]}"
            },
            {"runs/log-batch", "{\"run_id\": \"r\", \"params\": [{\"key\": \"p\", \"value\": 1}]}"},
            {"runs/delete-everything", "{}"}
        };
        for (String[] request : requests) {
            URI uri = URI.create(server.uri() + FakeMlflowServer.API + request[0]);
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(request[1]))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request[1]).isEqualTo(400);
            assertThat(response.body()).contains("INVALID_PARAMETER_VALUE");
        }
        assertThat(server.takeViolations()).hasSize(requests.length);
    }

    @Test
    void fromEnvironmentIsEmptyWithoutTheVariable() {
        assertThat(MlflowTracker.fromEnvironment(Map.of())).isEmpty();
        assertThat(MlflowTracker.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", " "))).isEmpty();
    }

    @Test
    void fromEnvironmentTracksToTheNamedExperiment() {
        Map<String, String> env =
                Map.of(
                        "MLFLOW_TRACKING_URI", server.uri() + "/",
                        "MLFLOW_EXPERIMENT_NAME", "weekly",
                        "MLFLOW_HTTP_REQUEST_TIMEOUT", "3");

        TrackingResult result =
                MlflowTracker.fromEnvironment(env).orElseThrow().track(record("e", false));

        assertThat(result.complete()).isTrue();
        assertThat(server.run(result.runId()).experimentId())
                .isEqualTo(server.experiments().get("weekly"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"databricks", "databricks://profile", "file:///tmp/mlruns", "./mlruns"})
    void fromEnvironmentRejectsDatabricksAndFileUris(String uri) {
        assertThatThrownBy(() -> MlflowTracker.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(uri)
                .hasMessageContaining("databricks")
                .hasMessageContaining("file stores");
    }

    @Test
    void uploadsAreRefusedForNonProxiedArtifactUris() {
        byte[] bytes = "{}".getBytes(UTF_8);
        assertThatThrownBy(
                        () ->
                                client.uploadArtifact(
                                        "run",
                                        "s3://bucket/1/run/artifacts",
                                        "model-bundle.json",
                                        bytes,
                                        "application/json"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("s3://bucket/1/run/artifacts")
                .hasMessageContaining("only proxied artifact storage");
        assertThat(server.requests()).isEmpty();

        server.artifactRoot("s3://bucket/");
        TrackingResult result = tracker.track(record("unproxied", true));

        assertThat(result.failedSteps())
                .extracting(FailedStep::step)
                .containsExactly(
                        "artifact model-bundle.json",
                        "artifact predictions_sample.csv",
                        "artifact evaluation_report.json",
                        "register");
        assertThat(server.run(result.runId()).status()).isEqualTo("FAILED");
        assertThat(server.versions("gh-anomaly")).isEmpty();
    }

    @Test
    void uploadsToTheProxyPathOfAHostQualifiedArtifactUri() {
        String experimentId = client.getOrCreateExperiment("gh-anomaly");
        String runId = client.createRun(experimentId, "hosted", 1L, Map.of()).runId();
        String uri =
                "mlflow-artifacts://mlflow.internal:5000/"
                        + experimentId
                        + "/"
                        + runId
                        + "/artifacts";

        client.uploadArtifact(
                runId, uri, "reports/evaluation report.json", new byte[] {1}, "application/json");

        assertThat(
                        server.artifact(
                                experimentId
                                        + "/"
                                        + runId
                                        + "/artifacts/reports/evaluation report.json"))
                .isNotNull();
    }

    private static TrainingRecord record(String runName, boolean promote) {
        return new TrainingRecord(
                runName,
                TRAINED,
                new ModelParams("isolation_forest", 100, 256, 0.05, 3),
                new Evaluation(0.42, 50, 1000, 0.91),
                Map.of("seed", "7"),
                Map.of("training_seconds", 12.5),
                new Artifact("model-bundle.json", bytes("{\"version\":1}"), "application/json"),
                new Artifact(
                        "predictions_sample.csv", bytes("actor,score\nalice,0.7\n"), "text/csv"),
                new Artifact("evaluation_report.json", bytes("{\"auc\":0.91}"), "application/json"),
                promote);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
