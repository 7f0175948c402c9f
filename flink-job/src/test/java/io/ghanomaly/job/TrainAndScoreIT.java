package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import io.ghanomaly.trainer.FeatureHistory;
import io.ghanomaly.trainer.ModelTrainer;
import io.ghanomaly.trainer.TrainerConfig;
import io.ghanomaly.trainer.TrainingData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop the README's command runs: the job writes features, the trainer learns from that Parquet
 * and publishes a model, and the job scores every actor-hour with it.
 */
class TrainAndScoreIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void theTrainerLearnsFromTheJobsOutputAndTheJobScoresWithItsModel() throws Exception {
        Path hours = TrainingData.fourHours(work.resolve("hours"));
        Path models = work.resolve("models");
        runJob(hours, work.resolve("history"));

        ModelTrainer.Outcome trained =
                ModelTrainer.run(
                        TrainerConfig.parse(
                                new String[] {
                                    "--features", work.resolve("history").toString(),
                                    "--labels", hours.resolve("labels.csv").toString(),
                                    "--models", models.toString()
                                }),
                        new PrintStream(OutputStream.nullOutputStream()),
                        Map.of());
        assertThat(trained.promoted()).isTrue();
        assertThat(trained.bundle().metrics().get("auc")).isGreaterThan(0.9);

        runJob(hours, work.resolve("scored"), "--models", models.toString());

        List<Row> history = ParquetOutput.rows(work.resolve("history/features"));
        List<Row> scored = ParquetOutput.rows(work.resolve("scored/features"));
        assertThat(byPartition(scored)).isEqualTo(byPartition(history)); // same actor-hours
        assertThat(scored)
                .allSatisfy(
                        r ->
                                assertThat(r.getString("model_version"))
                                        .isEqualTo(trained.bundle().version()));
        double flagged =
                scored.stream()
                                .filter(r -> Boolean.TRUE.equals(r.record().get("is_anomaly")))
                                .count()
                        / (double) scored.size();
        assertThat(flagged).isBetween(0.02, 0.10); // contamination 0.05

        // a backfill (batch execution: the model is read before any actor-hour) scores the same
        runJob(hours, work.resolve("backfill"), "--models", models.toString(), "--backfill");
        ParquetOutput.assertSameRows(
                work.resolve("scored/features"), work.resolve("backfill/features"));
    }

    @Test
    void theTrainerComputesFromRawHoursExactlyTheActorHoursTheJobWrites() throws Exception {
        Path hours = TrainingData.fourHours(work.resolve("hours"));
        runJob(hours, work.resolve("out"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String models = work.resolve("models").toString();

        Map<String, String> fromJob = new TreeMap<>();
        FeatureHistory.open(
                        TrainerConfig.parse(
                                new String[] {
                                    "--features", work.resolve("out").toString(), "--models", models
                                }),
                        quiet)
                .forEach(a -> fromJob.put(key(a), Arrays.toString(a.features())));
        Map<String, String> fromRaw = new TreeMap<>();
        FeatureHistory.open(
                        TrainerConfig.parse(
                                new String[] {"--raw", hours.toString(), "--models", models}),
                        quiet)
                .forEach(a -> fromRaw.put(key(a), Arrays.toString(a.features())));

        assertThat(fromJob).hasSizeGreaterThan(20_000);
        assertThat(fromRaw).isEqualTo(fromJob);
    }

    private static String key(FeatureHistory.ActorHour a) {
        return a.actor() + "@" + a.hourStartMillis();
    }

    private static Map<String, Long> byPartition(List<Row> rows) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(Row::partition, TreeMap::new, Collectors.counting()));
    }

    private static void runJob(Path input, Path output, String... extra) throws Exception {
        JobRuns.bounded("TrainAndScoreIT", input, output, extra);
    }
}
