package io.ghanomaly.trainer.mlflow;

import io.ghanomaly.trainer.mlflow.MlflowClient.RunInfo;
import io.ghanomaly.trainer.mlflow.TrainingRecord.Artifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a training that has already been published in MLflow, turning every MLflow failure into a
 * warning and a result that names what was not recorded.
 */
public final class MlflowTracker {
    public static final String TRACKING_URI_VARIABLE = "MLFLOW_TRACKING_URI";
    public static final String EXPERIMENT_VARIABLE = "MLFLOW_EXPERIMENT_NAME";

    /** MLflow's own name for its request timeout, in seconds; here it defaults to 10 s. */
    public static final String TIMEOUT_VARIABLE = "MLFLOW_HTTP_REQUEST_TIMEOUT";

    public static final String DEFAULT_EXPERIMENT = "gh-anomaly";
    public static final String CHAMPION_ALIAS = "champion";

    private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);
    private static final Map<String, String> RUN_TAGS =
            Map.of("mlflow.source.type", "JOB", "mlflow.source.name", "gh-anomaly model-trainer");

    /**
     * A step of {@link #track} that MLflow did not complete.
     *
     * @param step e.g. {@code run}, {@code log-batch}, {@code artifact model-bundle.json}
     * @param message why
     */
    public record FailedStep(String step, String message) {}

    /**
     * What MLflow recorded of one training.
     *
     * @param runId the MLflow run, or null when none was created
     * @param registeredVersion the new registered model version, or null when none was created
     * @param failedSteps the steps that failed, in order; empty when everything was recorded
     */
    public record TrackingResult(
            String runId, String registeredVersion, List<FailedStep> failedSteps) {
        public TrackingResult {
            failedSteps = List.copyOf(failedSteps);
        }

        public boolean complete() {
            return failedSteps.isEmpty();
        }
    }

    private final MlflowClient client;
    private final String experimentName;
    private final Clock clock;

    public MlflowTracker(MlflowClient client, String experimentName) {
        this(client, experimentName, Clock.systemUTC());
    }

    MlflowTracker(MlflowClient client, String experimentName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.experimentName = Objects.requireNonNull(experimentName, "experimentName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A tracker for the server in {@value #TRACKING_URI_VARIABLE}, or empty when it is unset.
     *
     * @throws IllegalArgumentException when the variable is not an http(s) URL, or the timeout is
     *     not a positive number of seconds
     */
    public static Optional<MlflowTracker> fromEnvironment(Map<String, String> env) {
        String value = env.get(TRACKING_URI_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = trackingUri(value.strip());
        String experiment = env.get(EXPERIMENT_VARIABLE);
        if (experiment == null || experiment.isBlank()) {
            experiment = DEFAULT_EXPERIMENT;
        }
        Duration timeout = MlflowClient.DEFAULT_TIMEOUT;
        String seconds = env.get(TIMEOUT_VARIABLE);
        if (seconds != null && !seconds.isBlank()) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds.strip()));
            } catch (NumberFormatException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(
                        TIMEOUT_VARIABLE + "=" + seconds + " is not a positive number of seconds");
            }
        }
        return Optional.of(new MlflowTracker(new MlflowClient(uri, timeout), experiment.strip()));
    }

    private static URI trackingUri(String value) {
        URI uri = null;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // Reported below with the other unsupported values.
        }
        if (uri == null
                || !("http".equalsIgnoreCase(uri.getScheme())
                        || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(
                    TRACKING_URI_VARIABLE
                            + "="
                            + value
                            + " is not an http:// or https:// URL of an MLflow tracking server;"
                            + " 'databricks' and file stores (file:, a local path, sqlite:, ...)"
                            + " are not supported");
        }
        if (uri.getHost() == null) {
            // java.net.URI, and so HttpClient, refuses host names with '_' (docker-compose's).
            throw new IllegalArgumentException(
                    TRACKING_URI_VARIABLE + "=" + value + " has no valid host name");
        }
        return uri;
    }

    /**
     * Records the training: experiment, run, params and metrics, artifacts and, when promoting, a
     * registered version aliased {@value #CHAMPION_ALIAS}. Never throws for MLflow trouble.
     */
    public TrackingResult track(TrainingRecord record) {
        List<FailedStep> failed = new ArrayList<>();
        long trainedMs = record.timestamp().toEpochMilli();
        String experimentId =
                tryGet(failed, "experiment", () -> client.getOrCreateExperiment(experimentName));
        if (experimentId == null) {
            return result(record, null, null, failed);
        }
        String runName = record.runName();
        RunInfo run =
                tryGet(
                        failed,
                        "run",
                        () -> client.createRun(experimentId, runName, trainedMs, RUN_TAGS));
        if (run == null) {
            return result(record, null, null, failed);
        }
        tryRun(
                failed,
                "log-batch",
                () -> client.logBatch(run.runId(), record.params(), record.metrics(), trainedMs));
        boolean bundleUploaded = false;
        for (Artifact artifact : record.artifacts()) {
            boolean uploaded =
                    tryRun(
                            failed,
                            "artifact " + artifact.name(),
                            () ->
                                    client.uploadArtifact(
                                            run.runId(),
                                            run.artifactUri(),
                                            artifact.name(),
                                            artifact.content(),
                                            artifact.contentType()));
            bundleUploaded |= uploaded && artifact.name().equals(record.bundle().name());
        }
        String model = record.registeredModelName();
        String version = null;
        if (record.promote() && !bundleUploaded) {
            // A version whose source holds no bundle would hand the job a model it cannot load.
            failed.add(new FailedStep("register", "skipped: the bundle was not uploaded"));
        } else if (record.promote()) {
            String source = run.artifactUri() + "/" + record.bundle().name();
            version =
                    tryGet(
                            failed,
                            "register",
                            () -> client.registerModelVersion(model, source, run.runId()));
        }
        if (version != null) {
            String registered = version;
            tryRun(
                    failed,
                    "alias " + CHAMPION_ALIAS,
                    () -> client.setAlias(model, CHAMPION_ALIAS, registered));
        }
        String status = failed.isEmpty() ? "FINISHED" : "FAILED";
        tryRun(
                failed,
                "end run " + status,
                () -> client.updateRun(run.runId(), status, clock.millis()));
        return result(record, run.runId(), version, failed);
    }

    /** Runs one step, noting and logging its failure instead of throwing it; null if it failed. */
    private static <T> T tryGet(List<FailedStep> failed, String step, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            failed.add(new FailedStep(step, message));
            LOG.warn("MLflow step '{}' failed: {}", step, message);
            return null;
        }
    }

    /** Runs one step like {@link #tryGet}; whether it succeeded. */
    private static boolean tryRun(List<FailedStep> failed, String step, Runnable action) {
        return tryGet(
                        failed,
                        step,
                        () -> {
                            action.run();
                            return Boolean.TRUE;
                        })
                != null;
    }

    private TrackingResult result(
            TrainingRecord record, String runId, String version, List<FailedStep> failed) {
        TrackingResult result = new TrackingResult(runId, version, failed);
        if (result.complete()) {
            LOG.info(
                    "Recorded training {} in MLflow experiment '{}' as run {}{}",
                    record.runName(),
                    experimentName,
                    runId,
                    version == null ? "" : ", registered version " + version);
        } else {
            LOG.warn(
                    "MLflow did not record all of training {} (run {}); the model is published"
                            + " regardless. Not recorded: {}",
                    record.runName(),
                    runId,
                    failed.stream().map(FailedStep::step).toList());
        }
        return result;
    }
}
