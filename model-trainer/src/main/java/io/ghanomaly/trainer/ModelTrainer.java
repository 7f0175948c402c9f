package io.ghanomaly.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.trainer.FeatureHistory.ActorHour;
import io.ghanomaly.trainer.mlflow.MlflowTracker;
import io.ghanomaly.trainer.mlflow.TrainingRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The weekly trainer: trains a candidate from recent history, evaluates it and the current champion
 * on the same held-back hours, publishes the candidate to the model directory the job watches when
 * it is not worse, and tracks the run in MLflow when {@code MLFLOW_TRACKING_URI} is set. The bundle
 * is published before MLflow is called, so MLflow trouble never loses a model.
 */
public final class ModelTrainer {
    /** Where a candidate that was not promoted is kept; the job ignores folders starting "_". */
    static final String CANDIDATES = "_candidates";

    /** What one training did. */
    public record Outcome(
            ModelBundle bundle,
            Path file,
            boolean promoted,
            String reason,
            Evaluation evaluation) {}

    private ModelTrainer() {}

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(TrainerConfig.USAGE);
            return;
        }
        TrainerConfig config;
        try {
            config = TrainerConfig.parse(args);
        } catch (TrainerConfig.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(TrainerConfig.USAGE);
            System.exit(2);
            return;
        }
        try {
            MlflowTracker.fromEnvironment(System.getenv()); // a bad setting stops us now, not later
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.every() == null) {
            try {
                run(config, System.out, System.getenv());
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                // a user's mistake or the data's (no history, too few rows, an unreadable
                // file): one line that says what is wrong, not a stack trace
                System.err.println("error: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        while (true) {
            try {
                run(config, System.out, System.getenv());
            } catch (IOException | RuntimeException e) {
                System.err.println(
                        "training failed, trying again in "
                                + config.every()
                                + ": "
                                + e.getMessage());
            }
            System.out.println("Next training in " + config.every());
            Thread.sleep(config.every().toMillis());
        }
    }

    /** Trains, judges, publishes and tracks once. */
    public static Outcome run(TrainerConfig c, PrintStream out, Map<String, String> env)
            throws IOException {
        Optional<MlflowTracker> tracker = MlflowTracker.fromEnvironment(env);
        Path labelsFile = c.labelsOrDefault();
        Labels labels = labelsFile == null ? Labels.none() : Labels.read(labelsFile);
        out.printf(
                "Reading %s%s%n",
                c.raw() != null ? "raw hours in " + c.raw() : "feature history in " + c.features(),
                labelsFile == null ? "" : ", labels from " + labelsFile);
        FeatureHistory history = FeatureHistory.open(c, out);
        ModelTraining.Candidate candidate = ModelTraining.train(c, history, labels, out);
        List<PlantedEvaluation.Planted> planted = plantInto(candidate.holdout(), c.seed());
        Evaluation evaluation =
                Evaluation.of(
                        candidate.bundle(),
                        candidate.holdout(),
                        candidate.labelled(),
                        labels,
                        planted,
                        true);

        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put("training_seconds", candidate.seconds());
        metrics.put("rows_read", (double) candidate.rowsRead());
        String reason;
        boolean promote;
        Optional<ModelBundle> champion = champion(c.models(), out);
        if (champion.isEmpty()) {
            promote = true;
            reason = "no champion yet";
        } else {
            Evaluation old =
                    Evaluation.of(
                            champion.get(),
                            candidate.holdout(),
                            candidate.labelled(),
                            labels,
                            planted,
                            false);
            old.metrics()
                    .forEach(
                            (k, v) -> {
                                if (k.startsWith("planted_") || k.startsWith("anomaly_rate")) {
                                    metrics.put("champion_" + k, v);
                                }
                            });
            Double oldAuc = old.auc();
            Double newAuc = evaluation.auc();
            if (oldAuc != null) {
                metrics.put("champion_auc", oldAuc);
            }
            double newP = metrics.get("planted_precision_at_k");
            double oldP = metrics.get("champion_planted_precision_at_k");
            double newA = metrics.get("planted_auc");
            double oldA = metrics.get("champion_planted_auc");
            String planting =
                    String.format(
                            java.util.Locale.ROOT,
                            "planted precision at k %.4f vs %.4f and AUC %.4f vs %.4f, against"
                                    + " champion %s",
                            newP,
                            oldP,
                            newA,
                            oldA,
                            champion.get().version());
            String labelled =
                    oldAuc == null || newAuc == null
                            ? ""
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "; labelled mean AUC %.4f vs %.4f",
                                    newAuc,
                                    oldAuc);
            if (c.force()) {
                promote = true;
                reason = "--force; " + planting + labelled;
            } else {
                promote =
                        newP >= oldP - c.precisionMargin()
                                && newA >= oldA - c.aucMargin()
                                && (labelled.isEmpty() || newAuc >= oldAuc - c.margin());
                reason =
                        planting
                                + labelled
                                + String.format(
                                        java.util.Locale.ROOT,
                                        " (margins: precision %.3f, AUC %.4f, labelled AUC %.3f)",
                                        c.precisionMargin(),
                                        c.aucMargin(),
                                        c.margin());
            }
        }
        ModelBundle bundle = candidate.bundle().withMetrics(metrics);
        Path file =
                ModelBundleFile.write(
                        bundle, promote ? c.models() : c.models().resolve(CANDIDATES));
        out.printf(
                "%s %s: %s%n  %s%n",
                promote ? "Published" : "Not promoted", bundle.version(), reason, file);
        metrics.forEach((k, v) -> out.printf("  %-28s %.4f%n", k, v));

        tracker.ifPresent(t -> track(t, c, bundle, file, evaluation, metrics, promote, out));
        return new Outcome(bundle, file, promote, reason, evaluation);
    }

    /** Planted actors per plant and strength in the trainer's label-free comparison. */
    static final int PLANTED_ACTORS = 25;

    /**
     * Every {@link Plant}, loud and subtle, made up onto new actors in the last held-back hour:
     * feature history keeps no events to clone, so the planter invents them from the types alone.
     * Candidate and champion are ranked on the same rows.
     */
    static List<PlantedEvaluation.Planted> plantInto(List<ActorHour> holdout, long seed) {
        long hour = holdout.stream().mapToLong(ActorHour::hourStartMillis).max().orElse(0);
        // synthetic: every type is there, so nothing goes unplanted
        return Planter.synthetic(seed).actorHours(hour, PLANTED_ACTORS, (p, missing) -> {});
    }

    /** The newest bundle in the directory that this code can read; broken ones are skipped. */
    static Optional<ModelBundle> champion(Path models, PrintStream out) throws IOException {
        if (!Files.isDirectory(models)) {
            return Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(models)) {
            files =
                    s.filter(p -> p.getFileName().toString().startsWith("model-"))
                            .filter(p -> p.getFileName().toString().endsWith(".json"))
                            .sorted(java.util.Comparator.reverseOrder())
                            .toList();
        }
        for (Path f : files) {
            try {
                return Optional.of(ModelBundleFile.read(f));
            } catch (IOException e) { // broken, or gone since the listing: try the next
                out.println("  skipping " + f + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static void track(
            MlflowTracker tracker,
            TrainerConfig c,
            ModelBundle bundle,
            Path file,
            Evaluation evaluation,
            Map<String, Double> metrics,
            boolean promote,
            PrintStream out) {
        try {
            Map<String, Double> extra = new LinkedHashMap<>(metrics);
            for (String required :
                    List.of(
                            "mean_anomaly_score",
                            "num_anomalies",
                            "num_total",
                            "anomaly_rate",
                            "auc")) {
                extra.remove(required);
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            byte[] report =
                    json.writeValueAsBytes(
                            Map.of(
                                    "version",
                                    bundle.version(),
                                    "promoted",
                                    promote,
                                    "metrics",
                                    metrics,
                                    "trained_from",
                                    bundle.trainedFrom().toString(),
                                    "trained_to",
                                    bundle.trainedTo().toString()));
            TrainingRecord record =
                    new TrainingRecord(
                            "train-" + bundle.version(),
                            bundle.createdAt(),
                            new TrainingRecord.ModelParams(
                                    "isolation_forest",
                                    c.trees(),
                                    c.sampleSize(),
                                    c.contamination(),
                                    bundle.featureVersion()),
                            new TrainingRecord.Evaluation(
                                    metrics.getOrDefault("mean_anomaly_score", 0.0),
                                    metrics.getOrDefault("num_anomalies", 0.0).longValue(),
                                    metrics.getOrDefault("num_total", 0.0).longValue(),
                                    evaluation.auc()),
                            Map.of(
                                    "feature_set",
                                    c.featureSet().name(),
                                    "bot_policy",
                                    c.bots().name().toLowerCase(java.util.Locale.ROOT),
                                    "seed",
                                    Long.toString(c.seed()),
                                    "model_version",
                                    bundle.version()),
                            extra,
                            new TrainingRecord.Artifact(
                                    file.getFileName().toString(),
                                    Files.readAllBytes(file),
                                    "application/json"),
                            new TrainingRecord.Artifact(
                                    "predictions_sample.csv",
                                    evaluation.predictions().getBytes(StandardCharsets.UTF_8),
                                    "text/csv"),
                            new TrainingRecord.Artifact(
                                    "evaluation_report.json", report, "application/json"),
                            promote);
            MlflowTracker.TrackingResult r = tracker.track(record);
            out.printf(
                    "MLflow: run %s%s%s%n",
                    r.runId(),
                    r.registeredVersion() == null
                            ? ""
                            : ", registered version " + r.registeredVersion() + " as champion",
                    r.complete() ? "" : "; not recorded: " + r.failedSteps());
        } catch (IOException | RuntimeException e) {
            out.println("MLflow: not recorded (" + e + "); the model is published regardless");
        }
    }
}
