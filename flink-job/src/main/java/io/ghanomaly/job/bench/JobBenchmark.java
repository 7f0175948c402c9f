package io.ghanomaly.job.bench;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.generator.GenerateHours;
import io.ghanomaly.core.generator.GeneratorConfig;
import io.ghanomaly.job.FeaturePipeline;
import io.ghanomaly.job.GhAnomalyJob;
import io.ghanomaly.job.JobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the job in bounded mode over N generated modern hours on an embedded MiniCluster, and,
 * over the same files, {@code gzip -dc} as the floor any reader of gzip pays. Prints figures; it is
 * a command, not a test, so a slow machine does not fail a build.
 */
public final class JobBenchmark {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private JobBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of("work/bench");
        int hours = 4;
        int parallelism = Runtime.getRuntime().availableProcessors();
        GeneratorConfig generator = GeneratorConfig.defaults();
        for (int i = 0; i + 1 < args.length || (i < args.length && isHelp(args[i])); i += 2) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[i + 1]);
                case "--hours" -> hours = Integer.parseInt(args[i + 1]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[i + 1]);
                case "--events-per-hour" ->
                        generator = generator.withEventsPerHour(Integer.parseInt(args[i + 1]));
                case "--help", "-h" -> {
                    System.out.println(
                            "Usage: JobBenchmark [--hours N (4)] [--parallelism P (cores)]"
                                    + " [--events-per-hour N (170000)] [--work DIR]");
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i] + "; see --help");
                    System.exit(2);
                }
            }
        }
        Path input =
                work.resolve(
                        "hours-"
                                + hours
                                + "x"
                                + generator.eventsPerHour()
                                + "-seed"
                                + generator.seed());
        List<Path> files = ensureHours(input, hours, generator);
        long compressed = 0;
        for (Path f : files) {
            compressed += Files.size(f);
        }
        System.out.printf(
                "Input: %d generated hours in %s, %.1f MB gzipped%n",
                files.size(), input, compressed / 1e6);

        long[] raw = uncompressedBytesAndLines(files);
        double gzipSeconds = timeGzip(files);

        Path output = work.resolve("output");
        deleteRecursively(output);
        long start = System.nanoTime();
        JobExecutionResult result = runJob(input, output, parallelism);
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        long events = result.<Long>getAccumulatorResult("eventsRead");

        System.out.println();
        System.out.printf("%-34s %14s %14s%n", "", "job", "gzip -dc");
        System.out.printf("%-34s %14.1f %14.1f%n", "wall seconds", jobSeconds, gzipSeconds);
        System.out.printf(
                "%-34s %,14.0f %,14.0f%n", "events/s", events / jobSeconds, raw[1] / gzipSeconds);
        System.out.printf(
                "%-34s %14.1f %14.1f%n",
                "raw (uncompressed) MB/s", raw[0] / 1e6 / jobSeconds, raw[0] / 1e6 / gzipSeconds);
        System.out.printf(
                "%-34s %14.1f %14.1f%n",
                "gzipped MB/s", compressed / 1e6 / jobSeconds, compressed / 1e6 / gzipSeconds);
        System.out.printf("%-34s %,14d%n", "events read", events);
        System.out.printf(
                "%-34s %,14d%n",
                "actor-hours written", result.<Long>getAccumulatorResult("windowsEmitted"));
        System.out.printf("%-34s %14.0f%n", "peak RSS of this JVM (MB)", peakRssMb());
        System.out.printf(
                "(job wall time includes MiniCluster start-up; parallelism %d on %d cores)%n",
                parallelism, Runtime.getRuntime().availableProcessors());
    }

    private static boolean isHelp(String a) {
        return a.equals("--help") || a.equals("-h");
    }

    private static List<Path> ensureHours(Path dir, int hours, GeneratorConfig config)
            throws IOException {
        List<Path> expected = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            expected.add(dir.resolve(ArchiveHour.fileName(START.plusSeconds(3600L * h))));
        }
        if (!expected.stream().allMatch(Files::exists)) {
            System.out.printf(
                    "Generating %d hours into %s (once; reused by later runs)%n", hours, dir);
            GenerateHours.generate(dir, START, hours, config, System.out);
        }
        return expected;
    }

    private static long[] uncompressedBytesAndLines(List<Path> files) throws IOException {
        long bytes = 0;
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
        return new long[] {bytes, lines};
    }

    private static double timeGzip(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gzip", "-dc"));
        files.forEach(f -> command.add(f.toString()));
        long start = System.nanoTime();
        Process gzip =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        if (gzip.waitFor() != 0) {
            throw new IOException("gzip -dc failed on " + files);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static JobExecutionResult runJob(Path input, Path output, int parallelism)
            throws Exception {
        JobConfig config =
                JobConfig.parse(
                        new String[] {
                            "--local",
                            "--input",
                            input.toString(),
                            "--output",
                            output.toString(),
                            "--parallelism",
                            Integer.toString(parallelism)
                        });
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, 0);
        StreamExecutionEnvironment env = GhAnomalyJob.environment(config, conf);
        FeaturePipeline.forFiles(config).addTo(env);
        return env.execute("gh-anomaly benchmark");
    }

    private static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
