package io.ghanomaly.trainer.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.trainer.ModelTrainer;
import io.ghanomaly.trainer.TrainerConfig;
import io.ghanomaly.trainer.TrainingData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer with MLflow: tracked after publishing, and never a lost model. */
class TrainerTrackingTest {
    @TempDir static Path hours;
    @TempDir Path models;
    private FakeMlflowServer mlflow;

    @BeforeAll
    static void generateHours() throws Exception {
        TrainingData.fourHours(hours);
    }

    @BeforeEach
    void startMlflow() throws Exception {
        mlflow = new FakeMlflowServer();
    }

    @AfterEach
    void stopMlflow() {
        assertThat(mlflow.takeViolations()).as("requests against MLflow's REST API").isEmpty();
        mlflow.close();
    }

    @Test
    void tracksATrainingInMlflowAndRegistersThePromotedModelAsChampion() throws Exception {
        ModelTrainer.Outcome o = train();

        String runName = "train-" + o.bundle().version();
        FakeMlflowServer.Run run = findRun(runName);
        assertThat(run.status()).isEqualTo("FINISHED");
        assertThat(run.params())
                .containsKeys(
                        "timestamp",
                        "model_type",
                        "n_estimators",
                        "sample_size",
                        "contamination",
                        "feature_version");
        assertThat(run.metrics())
                .containsKeys(
                        "mean_anomaly_score", "num_anomalies", "num_total", "anomaly_rate", "auc");
        assertThat(run.metrics().get("auc")).isEqualTo(o.bundle().metrics().get("auc"));
        assertThat(mlflow.versions("gh-anomaly")).hasSize(1);
        assertThat(mlflow.alias("gh-anomaly", "champion")).isEqualTo("1");
    }

    @Test
    void logsCandidateAndChampionOnThePlantedAbuseAndRegistersOnlyTheOneThatWins()
            throws Exception {
        train();
        ModelTrainer.Outcome refused = train("--feature-set", "reference");

        assertThat(refused.promoted()).as(refused.reason()).isFalse();
        FakeMlflowServer.Run run = findRun("train-" + refused.bundle().version());
        assertThat(run.metrics())
                .containsKeys(
                        "planted_auc",
                        "planted_precision_at_k",
                        "champion_planted_auc",
                        "champion_planted_precision_at_k",
                        "champion_anomaly_rate");
        assertThat(run.metrics().get("planted_auc"))
                .isLessThan(run.metrics().get("champion_planted_auc"));
        assertThat(mlflow.versions("gh-anomaly")).hasSize(1); // the champion's, not the refused
    }

    @Test
    void publishesTheModelWhenMlflowAnswersOnlyErrors() throws Exception {
        mlflow.failNext(1_000, 503);

        ModelTrainer.Outcome o = train();

        assertThat(o.promoted()).isTrue();
        assertThat(Files.exists(o.file())).isTrue();
        assertThat(mlflow.versions("gh-anomaly")).isEmpty();
    }

    private FakeMlflowServer.Run findRun(String name) {
        for (String id : mlflow.runIds()) {
            FakeMlflowServer.Run r = mlflow.run(id);
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no run named " + name);
    }

    private ModelTrainer.Outcome train(String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--raw",
                                hours.toString(),
                                "--models",
                                models.toString(),
                                "--trees",
                                "50"));
        args.addAll(List.of(extra));
        TrainerConfig c = TrainerConfig.parse(args.toArray(String[]::new));
        return ModelTrainer.run(
                c,
                new PrintStream(OutputStream.nullOutputStream()),
                Map.of(
                        "MLFLOW_TRACKING_URI",
                        mlflow.uri().toString(),
                        "MLFLOW_HTTP_REQUEST_TIMEOUT",
                        "2"));
    }
}
