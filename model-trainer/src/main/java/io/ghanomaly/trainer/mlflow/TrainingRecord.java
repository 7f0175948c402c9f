package io.ghanomaly.trainer.mlflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one training records in MLflow: its run, params, metrics and artifacts, and whether its
 * model becomes the champion.
 *
 * @param runName the MLflow run's name, e.g. the model's version id
 * @param timestamp when the model was trained; the run's start time and the metrics' timestamp
 * @param model how the model was trained
 * @param evaluation how it scored
 * @param extraParams params beyond the required ones; may not redefine them
 * @param extraMetrics metrics beyond the required ones; may not redefine them
 * @param bundle the model bundle file, the artifact a registered version points at
 * @param predictionsSample a CSV sample of the model's predictions
 * @param evaluationReport the evaluation report, as JSON
 * @param promote whether to register the model as a new version and alias it champion
 * @param registeredModelName the registered model to add a version to; null means {@value
 *     #DEFAULT_REGISTERED_MODEL}
 */
public record TrainingRecord(
        String runName,
        Instant timestamp,
        ModelParams model,
        Evaluation evaluation,
        Map<String, String> extraParams,
        Map<String, Double> extraMetrics,
        Artifact bundle,
        Artifact predictionsSample,
        Artifact evaluationReport,
        boolean promote,
        String registeredModelName) {

    public static final String DEFAULT_REGISTERED_MODEL = "gh-anomaly";

    /**
     * How the model was trained.
     *
     * @param modelType e.g. {@code isolation_forest}
     * @param nEstimators trees per forest
     * @param sampleSize rows per tree
     * @param contamination the share of training rows above the decision threshold
     * @param featureVersion the version of the feature definitions it was trained on
     */
    public record ModelParams(
            String modelType,
            int nEstimators,
            int sampleSize,
            double contamination,
            int featureVersion) {
        public ModelParams {
            Objects.requireNonNull(modelType, "modelType");
        }
    }

    /**
     * How the model scored on its evaluation data.
     *
     * @param meanAnomalyScore the mean score over all rows
     * @param numAnomalies rows above the decision threshold
     * @param numTotal rows scored
     * @param auc the ROC AUC against labelled anomalies, or null when there are no labels
     */
    public record Evaluation(
            double meanAnomalyScore, long numAnomalies, long numTotal, Double auc) {
        public Evaluation {
            if (numAnomalies < 0 || numTotal < numAnomalies) {
                throw new IllegalArgumentException(
                        "need 0 <= numAnomalies <= numTotal, got "
                                + numAnomalies
                                + " of "
                                + numTotal);
            }
        }

        /** The share of rows flagged; 0 when nothing was scored. */
        public double anomalyRate() {
            return numTotal == 0 ? 0.0 : (double) numAnomalies / numTotal;
        }
    }

    /**
     * One file to store with the run.
     *
     * @param name its path below the run's artifact root, e.g. {@code model-bundle.json}
     * @param content its bytes; not copied, so not to be changed afterwards
     * @param contentType e.g. {@code text/csv}
     */
    @SuppressWarnings("ArrayRecordComponent") // equality is by content below
    public record Artifact(String name, byte[] content, String contentType) {
        public Artifact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(contentType, "contentType");
        }

        // Equal by content: a record would compare the arrays by identity.
        @Override
        public boolean equals(Object other) {
            return other instanceof Artifact that
                    && name.equals(that.name)
                    && Arrays.equals(content, that.content)
                    && contentType.equals(that.contentType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(content), contentType);
        }

        @Override
        public String toString() {
            return "Artifact[" + name + ", " + content.length + " bytes, " + contentType + "]";
        }
    }

    public TrainingRecord {
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(predictionsSample, "predictionsSample");
        Objects.requireNonNull(evaluationReport, "evaluationReport");
        extraParams = Map.copyOf(extraParams);
        extraMetrics = Map.copyOf(extraMetrics);
        if (registeredModelName == null || registeredModelName.isBlank()) {
            registeredModelName = DEFAULT_REGISTERED_MODEL;
        }
        Set<String> requiredParams = requiredParams(timestamp, model).keySet();
        if (!Collections.disjoint(extraParams.keySet(), requiredParams)) {
            throw new IllegalArgumentException("extra params redefine one of " + requiredParams);
        }
        Set<String> requiredMetrics = new HashSet<>(requiredMetrics(evaluation).keySet());
        requiredMetrics.add("auc");
        if (!Collections.disjoint(extraMetrics.keySet(), requiredMetrics)) {
            throw new IllegalArgumentException("extra metrics redefine one of " + requiredMetrics);
        }
        List<String> names =
                List.of(bundle.name(), predictionsSample.name(), evaluationReport.name());
        if (Set.copyOf(names).size() < names.size()) {
            throw new IllegalArgumentException("the artifacts need distinct names, got " + names);
        }
    }

    /** The same record with the default registered model name. */
    public TrainingRecord(
            String runName,
            Instant timestamp,
            ModelParams model,
            Evaluation evaluation,
            Map<String, String> extraParams,
            Map<String, Double> extraMetrics,
            Artifact bundle,
            Artifact predictionsSample,
            Artifact evaluationReport,
            boolean promote) {
        this(
                runName,
                timestamp,
                model,
                evaluation,
                extraParams,
                extraMetrics,
                bundle,
                predictionsSample,
                evaluationReport,
                promote,
                DEFAULT_REGISTERED_MODEL);
    }

    /** Every param to log: the required ones first, in a stable order, then the extra ones. */
    public Map<String, String> params() {
        Map<String, String> params = requiredParams(timestamp, model);
        params.putAll(extraParams);
        return params;
    }

    /** Every metric to log: the required ones, {@code auc} when known, then the extra ones. */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = requiredMetrics(evaluation);
        if (evaluation.auc() != null) {
            metrics.put("auc", evaluation.auc());
        }
        metrics.putAll(extraMetrics);
        return metrics;
    }

    /** The artifacts to upload, bundle first. */
    public List<Artifact> artifacts() {
        return List.of(bundle, predictionsSample, evaluationReport);
    }

    private static Map<String, String> requiredParams(Instant timestamp, ModelParams model) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("timestamp", timestamp.toString());
        params.put("model_type", model.modelType());
        params.put("n_estimators", Integer.toString(model.nEstimators()));
        params.put("sample_size", Integer.toString(model.sampleSize()));
        params.put("contamination", Double.toString(model.contamination()));
        params.put("feature_version", Integer.toString(model.featureVersion()));
        return params;
    }

    private static Map<String, Double> requiredMetrics(Evaluation evaluation) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mean_anomaly_score", evaluation.meanAnomalyScore());
        metrics.put("num_anomalies", (double) evaluation.numAnomalies());
        metrics.put("num_total", (double) evaluation.numTotal());
        metrics.put("anomaly_rate", evaluation.anomalyRate());
        return metrics;
    }
}
