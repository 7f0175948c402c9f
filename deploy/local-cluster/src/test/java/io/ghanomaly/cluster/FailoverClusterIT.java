package io.ghanomaly.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.generator.GenerateHours;
import io.ghanomaly.generator.GeneratorConfig;
import io.ghanomaly.job.testing.ParquetOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The job on a real standalone cluster (a JobManager and two TaskManagers, separate processes on
 * 127.0.0.1, started by {@code deploy/local-cluster/cluster}) at parallelism 2, over the real hours
 * of every era, two real broken files and generated modern hours. Each run with a failure is
 * compared, row for row, with a clean run of the same input on the same cluster: features, late
 * events and dead letters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverClusterIT {
    private static final int PARALLELISM = 2;
    private static final String MODEL_A = "20250101T000000Z-a";
    private static final String MODEL_B = "20250201T000000Z-b";
    private static final int ACTIVE_ACTORS = 30_000;
    private static final List<String> OUTPUTS = List.of("features", "late-events", "dead-letters");

    private static Path work;
    private static Path allHours;
    private static Path modelsA;
    private static List<Path> files;
    private static LocalCluster cluster;
    private static Map<String, List<String>> cleanA;
    private static long cleanEvents;

    /** Events read when each file has ended, in read order. */
    private static List<Long> fileEnds;

    @BeforeAll
    static void startClusterAndRunCleanly() throws Exception {
        work = Path.of("target", "cluster-it").toAbsolutePath();
        LocalCluster.stopLeftOver(work.resolve("cluster")); // of a run that was killed
        FileUtils.deleteDirectory(work.toFile());
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        allHours = Files.createDirectories(work.resolve("hours"));
        Path real = SharedData.require("gharchive/hours");
        try (Stream<Path> s = Files.list(real)) {
            for (Path f : s.toList()) {
                Files.copy(f, allHours.resolve(f.getFileName()));
            }
        }
        // The archive's broken files under hours of their own: a truncated copy of 2015-01-01-0
        // (whose events are then late, their hour complete) and one with a corrupt gzip header.
        Files.copy(
                SharedData.require("gharchive/bad/2015-01-01-0.truncated.json.gz"),
                allHours.resolve("2015-01-01-1.json.gz"));
        Files.copy(
                SharedData.require("gharchive/bad/2015-01-01-11.corrupt-header.json.gz"),
                allHours.resolve("2015-01-01-11.json.gz"));
        GenerateHours.generate(
                allHours,
                ArchiveHour.parse("2025-01-01T00"),
                4,
                GeneratorConfig.defaults()
                        .withEventsPerHour(120_000)
                        .withActiveActorsPerHour(ACTIVE_ACTORS)
                        .withActorPopulation(100_000),
                new PrintStream(OutputStream.nullOutputStream()));
        files = hourFiles(allHours);
        fileEnds = fileEnds(files);
        modelsA = Files.createDirectories(work.resolve("models-a"));
        ModelBundleFile.write(TestBundles.bundle(MODEL_A, FeatureSet.ALL), modelsA);

        cluster = LocalCluster.start(work.resolve("cluster"), 2, "rocksdb");
        Path out = work.resolve("out-clean-a");
        String job = cluster.submit(PARALLELISM, null, jobArgs(allHours, out, modelsA, false));
        assertThat(cluster.waitForEnd(job, Duration.ofMinutes(5))).isEqualTo("FINISHED");
        cleanA = outputs(out, allHours);
        cleanEvents = cluster.accumulator(job, "eventsRead");
        System.out.printf(
                "[cluster] clean run: %d events in, %s, %.1f s on the cluster; %s%n",
                cleanEvents,
                sizes(cleanA),
                cluster.rest("/jobs/" + job).path("duration").asLong() / 1000.0,
                checkpointSizes(job));
        assertThat(cleanA.get("features")).hasSizeGreaterThan(50_000);
        assertThat(cleanA.get("late-events")).isNotEmpty();
        assertThat(cleanA.get("dead-letters")).isNotEmpty();
    }

    /** A test that failed leaves no job holding the slots the next one needs. */
    @AfterEach
    void cancelJobsStillRunning() {
        cluster.cancelRunningJobs();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aTaskManagerKilledMidHourLosesAndDuplicatesNothingAndTheTotalsGoOn() throws Exception {
        Path out = work.resolve("out-failover");
        String job = cluster.submit(PARALLELISM, null, jobArgs(allHours, out, modelsA, false));
        long total = cleanEvents;
        // Mid-hour, after a checkpoint taken once the first generated hour was complete: the
        // restored job then has stragglers of an hour that was complete before the failure. The
        // reader races through a file and waits at its end while the hour's windows fire, so it
        // is caught inside a file when it is (with fresh figures: see LocalCluster.start).
        long firstHourRead = fileEnds.get(files.indexOf(allHours.resolve("2025-01-01-0.json.gz")));
        long[] checkpointsThen = {-1};
        LocalCluster.await(
                "the reader inside a file after a checkpoint past the first generated hour",
                Duration.ofMinutes(3),
                () -> {
                    long read = cluster.accumulator(job, "eventsRead");
                    long checkpoints = cluster.completedCheckpoints(job);
                    if (read >= total) {
                        throw new AssertionError("the job read everything before a kill");
                    }
                    if (checkpointsThen[0] < 0 && read >= firstHourRead) {
                        checkpointsThen[0] = checkpoints;
                    }
                    return checkpointsThen[0] >= 0
                            && checkpoints > checkpointsThen[0]
                            && read < total
                            && !fileEnds.contains(read);
                });
        long readBefore = cluster.accumulator(job, "eventsRead");
        assertThat(readBefore).as("killed before the end").isLessThan(total);
        Path fileRead = files.get((int) fileEnds.stream().filter(e -> e < readBefore).count());
        long killedAt = System.nanoTime();
        long pid = cluster.killTaskManager();
        cluster.addTaskManager();
        LocalCluster.await(
                "the restart after the kill",
                Duration.ofMinutes(2),
                () -> restarts(job) >= 1 && cluster.allRunning(job));
        double recovered = (System.nanoTime() - killedAt) / 1e9;
        double sourceRecordsAfterRestart =
                cluster.vertexMetric(job, "Source: GH Archive files", ".eventsRead");
        assertThat(cluster.waitForEnd(job, Duration.ofMinutes(5))).isEqualTo("FINISHED");

        Map<String, List<String>> rows = outputs(out, allHours);
        System.out.printf(
                "[cluster] kill -9 of TaskManager %d after %d of %d events (inside %s): %s,"
                        + " running again after %.1f s, %d restart(s)%n",
                pid,
                readBefore,
                total,
                fileRead.getFileName(),
                compare(cleanA, rows),
                recovered,
                restarts(job));
        assertThat(rows).isEqualTo(cleanA);
        // The totals a user reads go on from the restored checkpoint: exact, not from 0.
        assertThat(cluster.accumulator(job, "eventsRead")).isEqualTo(total);
        assertThat(cluster.accumulator(job, "windowsEmitted"))
                .isEqualTo(cleanA.get("features").size());
        assertThat(cluster.accumulator(job, "rowsScored")).isEqualTo(cleanA.get("features").size());
        assertThat(sourceRecordsAfterRestart).as("the metric went on too").isGreaterThan(0);
    }

    @Test
    @Order(2)
    void aSavepointStopsTheJobAndAResumedJobTakesNewHoursLosingAndDuplicatingNothing()
            throws Exception {
        Path hours = Files.createDirectories(work.resolve("hours-savepoint"));
        List<Path> first = files.subList(0, files.size() - 2);
        List<Path> later = files.subList(files.size() - 2, files.size());
        copy(first, hours);
        Path out = work.resolve("out-savepoint");
        List<String> args = jobArgs(hours, out, modelsA, true);
        String job = cluster.submit(PARALLELISM, null, args);
        awaitFilesReadAndCommitted(job, first.size());
        String savepoint = cluster.savepoint(job, true);
        assertThat(cluster.waitForEnd(job, Duration.ofMinutes(1))).isEqualTo("FINISHED");
        long readBeforeStop = cluster.accumulator(job, "eventsRead");

        copy(later, hours);
        long resumedAt = System.nanoTime();
        String resumed = cluster.submit(PARALLELISM, savepoint, args);
        LocalCluster.await(
                "the resumed job", Duration.ofMinutes(1), () -> cluster.allRunning(resumed));
        double startup = (System.nanoTime() - resumedAt) / 1e9;
        awaitFilesReadAndCommitted(resumed, files.size());
        cluster.savepoint(resumed, true);
        assertThat(cluster.waitForEnd(resumed, Duration.ofMinutes(1))).isEqualTo("FINISHED");

        Map<String, List<String>> rows = outputs(out, hours);
        System.out.printf(
                "[cluster] stop with savepoint after %d events, resumed (running after %.1f s)"
                        + " with %d new hours: %s%n",
                readBeforeStop, startup, later.size(), compare(cleanA, rows));
        assertThat(rows).isEqualTo(cleanA);
        assertThat(cluster.accumulator(resumed, "eventsRead")).isEqualTo(cleanEvents);
    }

    @Test
    @Order(3)
    void aModelLandingMidRunThenAKilledTaskManagerScoreEveryRowOnceWithTheModelItNames()
            throws Exception {
        Path modelsAB = Files.createDirectories(work.resolve("models-ab"));
        ModelBundleFile.write(TestBundles.bundle(MODEL_A, FeatureSet.ALL), modelsAB);
        ModelBundleFile.write(TestBundles.bundle(MODEL_B, FeatureSet.ALL), modelsAB);
        Path outB = work.resolve("out-clean-b");
        String clean = cluster.submit(PARALLELISM, null, jobArgs(allHours, outB, modelsAB, false));
        assertThat(cluster.waitForEnd(clean, Duration.ofMinutes(5))).isEqualTo("FINISHED");
        Map<String, ParquetOutput.Row> byVersionA = byActorHour(work.resolve("out-clean-a"));
        Map<String, ParquetOutput.Row> byVersionB = byActorHour(outB);

        Path models = Files.createDirectories(work.resolve("models-swap"));
        ModelBundleFile.write(TestBundles.bundle(MODEL_A, FeatureSet.ALL), models);
        Path out = work.resolve("out-model-swap");
        String job = cluster.submit(PARALLELISM, null, jobArgs(allHours, out, models, true));
        long total = cleanEvents;
        LocalCluster.await(
                "a quarter of the events",
                Duration.ofMinutes(3),
                () -> cluster.accumulator(job, "eventsRead") > total / 4);
        ModelBundleFile.write(TestBundles.bundle(MODEL_B, FeatureSet.ALL), models);
        // Each scoring subtask counts each model it takes: the first, then the new one.
        LocalCluster.await(
                "the swap to the new model",
                Duration.ofMinutes(2),
                () -> cluster.accumulator(job, "modelsSwapped") >= 2 * PARALLELISM);
        long checkpointsAtSwap = cluster.completedCheckpoints(job);
        LocalCluster.await(
                "a checkpoint after the swap",
                Duration.ofMinutes(1),
                () -> cluster.completedCheckpoints(job) > checkpointsAtSwap);
        long readAtKill = cluster.accumulator(job, "eventsRead");
        cluster.killTaskManager();
        cluster.addTaskManager();
        awaitFilesReadAndCommitted(job, files.size());
        cluster.savepoint(job, true);
        assertThat(cluster.waitForEnd(job, Duration.ofMinutes(1))).isEqualTo("FINISHED");

        Map<String, List<String>> rows = outputs(out, allHours);
        Map<String, Integer> versions = new TreeMap<>();
        int mismatched = 0;
        List<String> features = rows.get("features");
        Map<String, ParquetOutput.Row> swapped = byActorHour(out);
        for (Map.Entry<String, ParquetOutput.Row> e : swapped.entrySet()) {
            String version = e.getValue().getString(FeatureColumns.MODEL_VERSION);
            versions.merge(version, 1, Integer::sum);
            ParquetOutput.Row expected =
                    (version.equals(MODEL_B) ? byVersionB : byVersionA).get(e.getKey());
            if (expected == null || !text(e.getValue()).equals(text(expected))) {
                mismatched++;
            }
        }
        System.out.printf(
                "[cluster] model %s landed mid-run, kill -9 after %d events: %d rows, %s,"
                        + " %d differ from the clean run of the model they name; late and dead"
                        + " letters: %s%n",
                MODEL_B,
                readAtKill,
                features.size(),
                versions,
                mismatched,
                compare(
                        Map.of(
                                "late-events", cleanA.get("late-events"),
                                "dead-letters", cleanA.get("dead-letters")),
                        Map.of(
                                "late-events", rows.get("late-events"),
                                "dead-letters", rows.get("dead-letters"))));
        assertThat(swapped).hasSameSizeAs(features); // no actor-hour twice
        assertThat(swapped.keySet()).isEqualTo(byVersionA.keySet());
        assertThat(mismatched).isZero();
        assertThat(versions).containsKeys(MODEL_A, MODEL_B);
        assertThat(rows.get("late-events")).isEqualTo(cleanA.get("late-events"));
        assertThat(rows.get("dead-letters")).isEqualTo(cleanA.get("dead-letters"));
    }

    @Test
    @Order(4)
    void aBadCommandLineIsRefusedWithItsMessageAndTheClusterStaysUp() {
        assertThatThrownBy(
                        () ->
                                cluster.submit(
                                        PARALLELISM,
                                        null,
                                        List.of("--input", "/nonexistent", "--output", "x")))
                .hasMessageContaining("the cluster refused the job: --input /nonexistent does not")
                .hasMessageNotContaining("\tat ");
        // main runs inside the JobManager: its usage error must not have ended the process
        assertThat(cluster.rest("/overview").path("taskmanagers").asInt()).isPositive();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<String> jobArgs(Path input, Path output, Path models, boolean follow) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--models",
                                models.toString(),
                                "--checkpoint-interval",
                                "1s",
                                "--monitor-interval",
                                "1s",
                                "--no-alerts"));
        if (follow) {
            args.add("--follow");
        }
        return args;
    }

    /** Until the job has read {@code n} files and a checkpoint after that has committed them. */
    private static void awaitFilesReadAndCommitted(String job, int n) {
        LocalCluster.await(
                n + " files read",
                Duration.ofMinutes(3),
                () -> cluster.accumulator(job, "filesRead") >= n);
        long after = cluster.completedCheckpoints(job) + 1;
        LocalCluster.await(
                "a checkpoint after the last file",
                Duration.ofMinutes(1),
                () -> cluster.completedCheckpoints(job) >= after);
    }

    /** The largest checkpoint of the job's history (the REST API keeps the last 10). */
    private static String checkpointSizes(String job) {
        long full = 0;
        long incremental = 0;
        for (JsonNode c : cluster.rest("/jobs/" + job + "/checkpoints").path("history")) {
            full = Math.max(full, c.path("state_size").asLong());
            incremental = Math.max(incremental, c.path("checkpointed_size").asLong());
        }
        return String.format(
                "RocksDB, largest recent checkpoint %,d bytes (%,d incremental)",
                full, incremental);
    }

    private static long restarts(String job) {
        return (long)
                cluster.rest("/jobs/" + job + "/metrics?get=numRestarts")
                        .path(0)
                        .path("value")
                        .asDouble();
    }

    /**
     * Each output's committed rows, as text with their partition, in a fixed order; the input
     * directory (in dead letters' file names) as {@code <input>}.
     */
    private static Map<String, List<String>> outputs(Path out, Path input) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String name : OUTPUTS) {
            List<String> text = new ArrayList<>();
            for (ParquetOutput.Row r : ParquetOutput.rows(out.resolve(name))) {
                text.add(text(r).replace(input.toString(), "<input>"));
            }
            text.sort(Comparator.naturalOrder());
            rows.put(name, text);
        }
        return rows;
    }

    private static String text(ParquetOutput.Row r) {
        return r.partition() + " " + r.record();
    }

    /** The committed feature rows under out by actor and hour (an actor-hour twice: one kept). */
    private static Map<String, ParquetOutput.Row> byActorHour(Path out) {
        Map<String, ParquetOutput.Row> map = new HashMap<>();
        for (ParquetOutput.Row r : ParquetOutput.rows(out.resolve("features"))) {
            map.put(
                    r.getString(FeatureColumns.ACTOR_LOGIN)
                            + "@"
                            + r.getLong(FeatureColumns.HOUR_START_MS),
                    r);
        }
        return map;
    }

    /** Per output: rows in the clean run, rows here, lost and duplicated. */
    private static String compare(Map<String, List<String>> clean, Map<String, List<String>> run) {
        StringBuilder s = new StringBuilder();
        for (String name : clean.keySet()) {
            Map<String, Integer> counts = new HashMap<>();
            clean.get(name).forEach(r -> counts.merge(r, 1, Integer::sum));
            run.get(name).forEach(r -> counts.merge(r, -1, Integer::sum));
            long lost = counts.values().stream().filter(c -> c > 0).mapToLong(c -> c).sum();
            long extra = counts.values().stream().filter(c -> c < 0).mapToLong(c -> -c).sum();
            s.append(
                    String.format(
                            "%s %d/%d (lost %d, duplicated or changed %d) ",
                            name, run.get(name).size(), clean.get(name).size(), lost, extra));
        }
        return s.toString().strip();
    }

    private static String sizes(Map<String, List<String>> rows) {
        StringBuilder s = new StringBuilder();
        rows.forEach((name, r) -> s.append(name).append(' ').append(r.size()).append(' '));
        return s.toString().strip();
    }

    private static List<Long> fileEnds(List<Path> hourFiles) throws IOException {
        List<Long> ends = new ArrayList<>();
        long events = 0;
        for (Path f : hourFiles) {
            try (ArchiveFileReader reader = ArchiveFileReader.open(f)) {
                for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                    if (r.kind == ArchiveRecord.Kind.EVENT) {
                        events++;
                    }
                }
            }
            ends.add(events);
        }
        return ends;
    }

    private static List<Path> hourFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> ArchiveHour.ofFileName(f.getFileName().toString()).isPresent())
                    .sorted(
                            Comparator.comparing(
                                    f ->
                                            ArchiveHour.ofFileName(f.getFileName().toString())
                                                    .orElseThrow()
                                                    .start()))
                    .toList();
        }
    }

    private static void copy(List<Path> from, Path dir) throws IOException {
        for (Path f : from) {
            Path tmp = dir.resolve("." + f.getFileName() + ".tmp");
            Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
