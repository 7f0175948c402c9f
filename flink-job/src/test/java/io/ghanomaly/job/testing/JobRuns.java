package io.ghanomaly.job.testing;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.generator.GenerateHours;
import io.ghanomaly.generator.GeneratorConfig;
import io.ghanomaly.generator.PlantCampaigns;
import io.ghanomaly.generator.Shift;
import io.ghanomaly.job.FeaturePipeline;
import io.ghanomaly.job.GhAnomalyJob;
import io.ghanomaly.job.JobConfig;
import io.ghanomaly.job.scoring.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * What the job's MiniCluster tests share: the cluster, the job as main builds it, inputs, waits.
 */
public final class JobRuns {
    private JobRuns() {}

    /** One TaskManager with two slots; heartbeats every 0.5 s, so accumulators are fresh. */
    public static MiniClusterExtension cluster() {
        Configuration c = new Configuration();
        c.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(c)
                        .build());
    }

    /** The production pipeline with these job options, on the test's cluster, not yet run. */
    public static StreamExecutionEnvironment pipeline(String... args) throws IOException {
        JobConfig config = JobConfig.parse(args);
        StreamExecutionEnvironment env = GhAnomalyJob.environment(config, new Configuration());
        FeaturePipeline.forFiles(config).addTo(env);
        return env;
    }

    /** The production pipeline with these job options, but bundles from {@code models}. */
    public static StreamExecutionEnvironment pipeline(
            Source<ModelFile, ?, ?> models, String... args) throws IOException {
        JobConfig config = JobConfig.parse(args);
        StreamExecutionEnvironment env = GhAnomalyJob.environment(config, new Configuration());
        FeaturePipeline.forFiles(config).withModelSource(models).addTo(env);
        return env;
    }

    /**
     * Small generated hours (10,000 events by 3,000 actors each, no stragglers of the hour before)
     * from {@code firstHour} (e.g. 2025-01-01T00) into dir; their files in hour order.
     */
    public static List<Path> generatedHours(Path dir, String firstHour, int hours)
            throws IOException {
        return generatedHours(dir, firstHour, hours, Map.of());
    }

    /** As above, with these shifts of the whole stream from their hours on. */
    public static List<Path> generatedHours(
            Path dir, String firstHour, int hours, Map<Shift, Instant> shifts) throws IOException {
        GeneratorConfig small =
                GeneratorConfig.defaults()
                        .withActiveActorsPerHour(3_000)
                        .withActorPopulation(10_000)
                        .withEventsPerHour(10_000)
                        .withLateEventShare(0);
        Instant start = ArchiveHour.parse(firstHour);
        GenerateHours.generate(
                dir,
                start,
                hours,
                small,
                false,
                shifts,
                new PrintStream(OutputStream.nullOutputStream()));
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            for (int h = 0; h < hours; h++) {
                names.add(ArchiveHour.fileName(start.plus(Duration.ofHours(h))));
            }
            return files.filter(f -> names.contains(f.getFileName().toString()))
                    .sorted((a, b) -> Long.compare(hourOf(a), hourOf(b)))
                    .toList();
        }
    }

    /** The real 2025 hours of ../shared/data (seed-parity slices), each a modern hour's start. */
    public static final List<String> REAL_MODERN_HOURS = List.of("2025-07-08-15", "2025-07-10-15");

    /**
     * The real 2025 hours of ../shared/data with the generator's campaigns and look-alikes planted
     * into them (PlantCampaigns), in {@code dir/planted}, labels in its {@code campaigns.csv}.
     */
    public static Path realHoursWithCampaigns(Path dir, long seed) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        for (String hour : REAL_MODERN_HOURS) {
            Files.copy(
                    SharedData.require("seed-parity/" + hour + ".seed-parity.json.gz"),
                    raw.resolve(hour + ".json.gz"));
        }
        Path planted = dir.resolve("planted");
        PlantCampaigns.plant(raw, planted, seed, new PrintStream(OutputStream.nullOutputStream()));
        return planted;
    }

    private static long hourOf(Path file) {
        return ArchiveHour.ofFileName(file.getFileName().toString())
                .orElseThrow()
                .start()
                .toEpochMilli();
    }

    /** How many actor-hours (distinct actor and UTC hour) the events of these files make. */
    public static long actorHours(List<Path> files) throws Exception {
        GhEventParser parser = new GhEventParser();
        Set<String> actorHours = new HashSet<>();
        for (Path file : files) {
            for (String line : SharedData.gzipLines(file)) {
                GhEvent e = parser.parse(line);
                actorHours.add(e.actorLogin() + "@" + ArchiveHour.startOf(e.createdAtMillis()));
            }
        }
        return actorHours.size();
    }

    /** Moves a finished file into the watched directory under its own name, in one step. */
    public static void publish(Path dir, Path file) throws IOException {
        Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A running job's accumulator (0 before it is reported, -1 when it cannot be read). */
    public static long counter(JobClient job, String name) {
        try {
            Object v = job.getAccumulators().get().get(name);
            return v == null ? 0 : ((Number) v).longValue();
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Runs the job over {@code input} to the end (parallelism 2, commits every second) and returns
     * its totals.
     */
    public static JobExecutionResult bounded(
            String jobName, Path input, Path output, String... extra) throws Exception {
        List<String> args = new ArrayList<>(options(input, output));
        args.addAll(List.of("--checkpoint-interval", "1s"));
        args.addAll(List.of(extra));
        return pipeline(args.toArray(String[]::new)).execute(jobName);
    }

    /** The job following {@code input} (listing every second, committing every 2 s), not run. */
    public static StreamExecutionEnvironment following(Path input, Path output) throws IOException {
        List<String> args = new ArrayList<>(options(input, output));
        args.addAll(List.of("--follow", "--monitor-interval", "1s", "--checkpoint-interval", "2s"));
        return pipeline(args.toArray(String[]::new));
    }

    private static List<String> options(Path input, Path output) {
        return List.of(
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--parallelism",
                "2",
                "--alert-log", // inside the test's folder, hidden from Parquet readers
                output.resolve("_alerts.jsonl").toString());
    }

    /** Writes a gzipped hour under a hidden name, then renames it in, as a downloader should. */
    public static long publish(Path dir, String name, List<String> lines) throws IOException {
        Path tmp = dir.resolve("." + name + ".inprogress");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            o.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return System.currentTimeMillis();
    }

    /** Polls until the value is reached and returns when; fails after {@code patience}. */
    public static long awaitEquals(long expected, LongSupplier value, Duration patience)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            last = value.getAsLong();
            if (last == expected) {
                return System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "expected " + expected + " but had " + last + " after " + patience);
    }
}
