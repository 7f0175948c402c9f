package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.job.testing.HeldBackModelFiles;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broadcast scoring on a MiniCluster: first model, corrupt bundles, hot swap, bounded runs. Each
 * scenario runs on generated hours (always) and on real hours from ../shared/data (when present).
 */
class ModelScoringIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String V1 = "20250101T000000Z-v1";
    private static final String V2 = "20250201T000000Z-v2";

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void scoresGeneratedHoursThatClosedBeforeTheFirstModelAndSwapsModelsMidStream()
            throws Exception {
        List<Path> hours = JobRuns.generatedHours(work.resolve("staging"), "2025-01-01T00", 2);
        heldUntilTheFirstModelThenSwapped(hours.get(0), hours.get(1));
    }

    @Test
    void scoresRealHoursThatClosedBeforeTheFirstModelAndSwapsModelsMidStream() throws Exception {
        List<String> hour15 =
                SharedData.gzipLines(SharedData.require("gharchive/hours/2015-01-01-15.json.gz"));
        List<String> hour16 = new ArrayList<>();
        for (String line : hour15.subList(0, 2000)) {
            hour16.add(line.replace("\"2015-01-01T15:", "\"2015-01-01T16:"));
        }
        Path staging = Files.createDirectories(work.resolve("staging"));
        JobRuns.publish(staging, "2015-01-01-15.json.gz", hour15);
        JobRuns.publish(staging, "2015-01-01-16.json.gz", hour16);
        heldUntilTheFirstModelThenSwapped(
                staging.resolve("2015-01-01-15.json.gz"), staging.resolve("2015-01-01-16.json.gz"));
    }

    @Test
    void aBoundedRunScoresGeneratedHoursWithTheNewestBundlePresentAndRefusesBrokenOnes()
            throws Exception {
        boundedWithTheNewestBundle(JobRuns.generatedHours(work.resolve("in"), "2025-01-01T00", 2));
    }

    @Test
    void aBoundedRunScoresRealHoursWithTheNewestBundlePresentAndRefusesBrokenOnes()
            throws Exception {
        Path hour = SharedData.require("gharchive/hours/2015-01-01-15.json.gz");
        Path input = Files.createDirectories(work.resolve("in"));
        boundedWithTheNewestBundle(List.of(Files.copy(hour, input.resolve(hour.getFileName()))));
    }

    @Test
    void aBoundedRunWithoutAnyModelWritesEveryGeneratedRowUnscored() throws Exception {
        boundedWithoutAModel(JobRuns.generatedHours(work.resolve("in"), "2025-01-01T00", 2));
    }

    @Test
    void aBoundedRunWithoutAnyModelWritesEveryRealRowUnscored() throws Exception {
        Path hour = SharedData.require("gharchive/hours/2015-01-01-15.json.gz");
        Path input = Files.createDirectories(work.resolve("in"));
        boundedWithoutAModel(List.of(Files.copy(hour, input.resolve(hour.getFileName()))));
    }

    /**
     * The race of a bounded run: the archive ends (its end of event time reaches the scorer) while
     * the model source is still reading the bundle that was there from the start.
     */
    @Test
    void aBoundedRunScoresWithTheBundlePresentAtStartEvenWhenItArrivesAfterTheArchiveHasEnded(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<Path> hours = JobRuns.generatedHours(work.resolve("in"), "2025-01-01T00", 1);
        Path models = Files.createDirectories(work.resolve("models"));
        ModelBundleFile.write(TestBundles.bundle(V1, FeatureSet.ALL), models);
        Path release = work.resolve("release-the-models");
        long actorHours = JobRuns.actorHours(hours);
        StreamExecutionEnvironment env =
                JobRuns.pipeline(
                        HeldBackModelFiles.until(release, models),
                        args(
                                hours.get(0).getParent(),
                                work.resolve("out"),
                                "--models",
                                models.toString()));

        JobClient job = env.executeAsync("model after the archive's end");
        JobRuns.awaitEquals(actorHours, () -> JobRuns.counter(job, "rowsHeldForFirstModel"), WAIT);
        // every vertex but those after the model stream: the scorer, drift, alert delivery
        awaitFinished(
                cluster,
                job.getJobID(),
                name ->
                        !name.contains("model")
                                && !name.contains("drift")
                                && !name.contains("alert"));
        // Give the scorer the time it needed, before the fix, to write everything unscored.
        long unscored = -1;
        for (int i = 0; i < 50 && unscored != actorHours; i++) {
            Thread.sleep(100);
            unscored = JobRuns.counter(job, "rowsWrittenUnscored");
        }
        Files.createFile(release);
        JobExecutionResult result =
                job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertExactlyOnce(ParquetOutput.rows(work.resolve("out/features")), actorHours, V1);
        assertThat(result.<Long>getAccumulatorResult("rowsWrittenUnscored")).isZero();
    }

    @Test
    void aFollowingJobWritesRowsUnscoredOnceTheFirstModelWaitIsOverAndScoresLaterOnes()
            throws Exception {
        List<Path> hours = JobRuns.generatedHours(work.resolve("staging"), "2025-01-01T00", 2);
        Path input = Files.createDirectories(work.resolve("in"));
        Path models = Files.createDirectories(work.resolve("models"));
        Path out = work.resolve("out");
        JobClient job =
                JobRuns.pipeline(
                                args(
                                        input,
                                        out,
                                        "--follow",
                                        "--models",
                                        models.toString(),
                                        "--first-model-wait",
                                        "2s"))
                        .executeAsync("first model wait");
        try {
            long first = JobRuns.actorHours(hours.subList(0, 1));
            JobRuns.publish(input, hours.get(0));
            JobRuns.awaitEquals(first, () -> JobRuns.counter(job, "rowsWrittenUnscored"), WAIT);
            JobRuns.awaitEquals(first, () -> rowsOfHour(out, hours.get(0)).size(), WAIT);
            assertThat(rowsOfHour(out, hours.get(0)))
                    .allMatch(r -> r.record().get("model_version") == null);

            ModelBundleFile.write(TestBundles.bundle(V1, FeatureSet.ALL), models);
            JobRuns.awaitEquals(2, () -> JobRuns.counter(job, "modelsSwapped"), WAIT);
            long second = JobRuns.actorHours(hours.subList(1, 2));
            JobRuns.publish(input, hours.get(1));
            JobRuns.awaitEquals(second, () -> rowsOfHour(out, hours.get(1)).size(), WAIT);
            assertExactlyOnce(rowsOfHour(out, hours.get(1)), second, V1);
            assertThat(JobRuns.counter(job, "rowsWrittenUnscored")).isEqualTo(first);
        } finally {
            job.cancel().get();
        }
    }

    private void heldUntilTheFirstModelThenSwapped(Path first, Path second) throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path models = Files.createDirectories(work.resolve("models"));
        Path out = work.resolve("out");
        long firstRows = JobRuns.actorHours(List.of(first));
        long secondRows = JobRuns.actorHours(List.of(second));
        JobClient job =
                JobRuns.pipeline(args(input, out, "--follow", "--models", models.toString()))
                        .executeAsync("ModelScoringIT");
        try {
            JobRuns.publish(input, first);
            JobRuns.awaitEquals(
                    firstRows, () -> JobRuns.counter(job, "rowsHeldForFirstModel"), WAIT);
            assertThat(ParquetOutput.rows(out.resolve("features"))).isEmpty();

            ModelBundleFile.write(TestBundles.bundle(V1, FeatureSet.ALL), models);
            JobRuns.awaitEquals(firstRows, () -> rowsOfHour(out, first).size(), WAIT);

            Files.writeString(models.resolve("model-20250301T000000Z-broken.json"), "{\"form");
            ModelBundleFile.write(TestBundles.bundle(V2, FeatureSet.ALL), models);
            JobRuns.awaitEquals(1, () -> JobRuns.counter(job, "modelsRejected"), WAIT);
            JobRuns.awaitEquals(
                    2 + 2, () -> JobRuns.counter(job, "modelsSwapped"), WAIT); // 2 scorers
            JobRuns.publish(input, second);
            JobRuns.awaitEquals(secondRows, () -> rowsOfHour(out, second).size(), WAIT);

            assertExactlyOnce(rowsOfHour(out, first), firstRows, V1);
            assertExactlyOnce(rowsOfHour(out, second), secondRows, V2);
            assertThat(JobRuns.counter(job, "rowsWrittenUnscored")).isZero();
        } finally {
            job.cancel().get();
        }
    }

    private void boundedWithTheNewestBundle(List<Path> hours) throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        ModelBundleFile.write(TestBundles.bundle("20250101T000000Z-old", FeatureSet.ALL), models);
        ModelBundleFile.write(TestBundles.bundle("20250201T000000Z-new", FeatureSet.ALL), models);
        Files.writeString(models.resolve("model-20250102T000000Z-half.json"), "{\"format\":");

        JobExecutionResult result =
                JobRuns.pipeline(
                                args(
                                        hours.get(0).getParent(),
                                        work.resolve("out"),
                                        "--models",
                                        models.toString()))
                        .execute("bounded scoring");

        List<Row> rows = ParquetOutput.rows(work.resolve("out/features"));
        assertExactlyOnce(rows, JobRuns.actorHours(hours), "20250201T000000Z-new");
        assertThat(rows)
                .allSatisfy(r -> assertThat((List<?>) r.record().get("top_features")).hasSize(3));
        assertThat(result.<Long>getAccumulatorResult("modelsRejected")).isEqualTo(1L);
        // the refused file raised one alert, with the reason
        List<Row> alerts = ParquetOutput.rows(work.resolve("out/alerts"));
        assertThat(alerts)
                .filteredOn(a -> a.getString("rule").equals("model_refused"))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getString("id"))
                                    .endsWith("/model-20250102T000000Z-half.json");
                            assertThat(a.getString("summary")).contains("refused");
                        });
    }

    private void boundedWithoutAModel(List<Path> hours) throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        JobExecutionResult result =
                JobRuns.pipeline(
                                args(
                                        hours.get(0).getParent(),
                                        work.resolve("out"),
                                        "--models",
                                        models.toString()))
                        .execute("no model");

        List<Row> rows = ParquetOutput.rows(work.resolve("out/features"));
        assertThat(rows).hasSize((int) JobRuns.actorHours(hours));
        assertThat(rows)
                .allMatch(
                        r ->
                                r.record().get("model_version") == null
                                        && r.record().get("score") == null);
        assertThat(result.<Long>getAccumulatorResult("rowsWrittenUnscored")).isEqualTo(rows.size());
    }

    private static void assertExactlyOnce(List<Row> rows, long actorHours, String version) {
        Set<String> seen = new HashSet<>();
        for (Row r : rows) {
            String actorHour = r.getString("actor_login") + "@" + r.getLong("hour_start_ms");
            assertThat(seen.add(actorHour)).as("written twice: %s", actorHour).isTrue();
            assertThat(r.getString("model_version")).as(actorHour).isEqualTo(version);
            double score = ((Number) r.record().get("score")).doubleValue();
            assertThat(score).isGreaterThan(0).isLessThanOrEqualTo(1);
        }
        assertThat(seen).hasSize((int) actorHours);
    }

    private static String[] args(Path input, Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--input",
                                input.toString(),
                                "--output",
                                out.toString(),
                                "--parallelism",
                                "2",
                                "--monitor-interval",
                                "1s",
                                "--checkpoint-interval",
                                "1s",
                                "--alert-log",
                                out.resolve("_alerts.jsonl").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** The committed rows of the hour that an archive file holds. */
    private static List<Row> rowsOfHour(Path out, Path hourFile) {
        long start =
                ArchiveHour.ofFileName(hourFile.getFileName().toString())
                        .orElseThrow()
                        .start()
                        .toEpochMilli();
        return ParquetOutput.rows(out.resolve("features")).stream()
                .filter(r -> r.getLong("hour_start_ms") == start)
                .toList();
    }

    /** Waits until every vertex of the job whose name matches has finished. */
    private static void awaitFinished(MiniCluster cluster, JobID job, Predicate<String> vertices)
            throws InterruptedException {
        JobRuns.awaitEquals(
                0,
                () -> {
                    try {
                        long running = 0;
                        for (AccessExecutionJobVertex v :
                                cluster.getExecutionGraph(job).get().getVerticesTopologically()) {
                            if (vertices.test(v.getName())
                                    && v.getAggregateState() != ExecutionState.FINISHED) {
                                running++;
                            }
                        }
                        return running;
                    } catch (Exception e) {
                        return -1;
                    }
                },
                WAIT);
    }
}
