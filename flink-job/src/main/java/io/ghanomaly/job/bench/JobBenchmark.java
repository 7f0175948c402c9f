package io.ghanomaly.job.bench;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.job.FeaturePipeline;
import io.ghanomaly.job.GhAnomalyJob;
import io.ghanomaly.job.JobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import jdk.jfr.Recording;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the job in bounded mode over a directory of hours on an embedded MiniCluster, and, over
 * the same files, {@code gzip -dc} as the floor any reader of gzip pays. Prints figures; it is a
 * command, not a test, so a slow machine does not fail a build. {@code ./gh-anomaly bench}
 * generates the hours first (with the generator module, which stays out of the job jar).
 */
public final class JobBenchmark {
    private static final String USAGE =
            "Usage: JobBenchmark --input DIR [--output DIR (work/bench/output)]"
                    + " [--parallelism P (cores)] [--profile FILE.jfr (a JFR recording of the"
                    + " job's run, and where its CPU went by stage)] [--backfill (batch"
                    + " execution: every reader at once)] [--no-campaigns (without lockstep"
                    + " campaign detection)] [--state-backend hashmap|rocksdb (the job's flag)]";

    private JobBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path input = null;
        Path output = Path.of("work/bench/output");
        int parallelism = Runtime.getRuntime().availableProcessors();
        Path profile = null;
        boolean backfill = false;
        boolean campaigns = true;
        String stateBackend = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (isHelp(flag)) {
                System.out.println(USAGE);
                return;
            }
            if (flag.equals("--backfill")) {
                backfill = true;
                continue;
            }
            if (flag.equals("--no-campaigns")) {
                campaigns = false;
                continue;
            }
            if (i + 1 == args.length) {
                exitWithUsage(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--input" -> input = Path.of(value);
                case "--output" -> output = Path.of(value);
                case "--parallelism" -> parallelism = Integer.parseInt(value);
                case "--profile" -> profile = Path.of(value);
                case "--state-backend" -> stateBackend = value;
                default -> exitWithUsage("unknown option " + flag);
            }
        }
        if (input == null) {
            exitWithUsage("--input DIR is required");
        }
        // checked now, not after the minutes of counting lines and timing gzip below
        JobConfig config = jobConfig(input, output, parallelism, backfill, campaigns, stateBackend);
        List<Path> files = hourFiles(input);
        if (files.isEmpty()) {
            exitWithUsage("no YYYY-MM-DD-H.json.gz hours in " + input);
        }
        long compressed = 0;
        for (Path f : files) {
            compressed += Files.size(f);
        }
        System.out.printf(
                "Input: %d hours in %s, %.1f MB gzipped%n", files.size(), input, compressed / 1e6);

        long[] raw = uncompressedBytesAndLines(files);
        double[] gzip = timeGzip(files);
        double gzipSeconds = gzip[0];

        deleteRecursively(output);
        Recording recording = profile == null ? null : startRecording();
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        JobExecutionResult result = runJob(config);
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        double jobCpuSeconds = processCpuSeconds() - cpuBefore;
        if (recording != null) {
            recording.stop();
            recording.dump(profile);
            recording.close();
        }
        long events = result.<Long>getAccumulatorResult("eventsRead");

        System.out.println();
        System.out.printf("%-34s %14s %14s%n", "", "job", "gzip -dc");
        System.out.printf("%-34s %14.1f %14.1f%n", "wall seconds", jobSeconds, gzipSeconds);
        System.out.printf("%-34s %14.1f %14.1f%n", "CPU seconds", jobCpuSeconds, gzip[1]);
        System.out.printf(
                "%-34s %,14.0f %,14.0f%n", "events/s", events / jobSeconds, raw[1] / gzipSeconds);
        System.out.printf(
                "%-34s %14.2f%n",
                "job events/s / gzip -dc events/s", (events / jobSeconds) / (raw[1] / gzipSeconds));
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
        Long found = result.getAccumulatorResult("campaignsFound");
        System.out.printf(
                "%-34s %14s%n",
                "campaigns found", found == null ? "off" : String.format("%,d", found));
        System.out.printf("%-34s %14.0f%n", "peak RSS of this JVM (MB)", peakRssMb());
        System.out.printf(
                "(job wall time includes MiniCluster start-up; parallelism %d on %d cores%s%s)%n",
                parallelism,
                Runtime.getRuntime().availableProcessors(),
                backfill ? "; --backfill: batch execution, " + parallelism + " readers" : "",
                stateBackend == null ? "" : "; state backend " + stateBackend);
        if (profile != null) {
            ProfileBreakdown.print(profile);
        }
    }

    /** JFR's "profile" settings: CPU samples every 10-20 ms of every Java thread. */
    private static Recording startRecording() throws IOException, ParseException {
        Recording recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private static boolean isHelp(String a) {
        return a.equals("--help") || a.equals("-h");
    }

    private static void exitWithUsage(String problem) {
        System.err.println("JobBenchmark: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** The archive-named hour files of a directory; the job orders them itself. */
    private static List<Path> hourFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> ArchiveHour.ofFileName(p.getFileName().toString()).isPresent())
                    .sorted()
                    .toList();
        }
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

    /** Wall seconds and CPU seconds (user + system, from bash's {@code times}) of gzip -dc. */
    private static double[] timeGzip(List<Path> files) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of("bash", "-c", "gzip -dc \"$@\" >/dev/null || exit 1; times", "_"));
        files.forEach(f -> command.add(f.toString()));
        long start = System.nanoTime();
        Process gzip =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> times =
                new String(gzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        if (gzip.waitFor() != 0 || times.size() < 2) {
            throw new IOException("gzip -dc failed on " + files);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        // the second line of `times`: the children's user and system time, as 0m1.234s 0m0.050s
        double cpu = 0;
        for (String t : times.get(1).trim().split("\\s+")) {
            String[] minutesSeconds = t.replace("s", "").split("m");
            cpu +=
                    Double.parseDouble(minutesSeconds[0]) * 60
                            + Double.parseDouble(minutesSeconds[1]);
        }
        return new double[] {wall, cpu};
    }

    /** CPU seconds this JVM has used so far, all threads. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** The job's options for this run, parsed (and checked) as the job parses its own. */
    private static JobConfig jobConfig(
            Path input,
            Path output,
            int parallelism,
            boolean backfill,
            boolean campaigns,
            String stateBackend) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--local",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--parallelism",
                                Integer.toString(parallelism)));
        if (backfill) {
            args.add("--backfill");
        }
        if (!campaigns) {
            args.add("--no-campaigns");
        }
        if (stateBackend != null) {
            args.addAll(List.of("--state-backend", stateBackend));
        }
        try {
            return JobConfig.parse(args.toArray(String[]::new));
        } catch (JobConfig.UsageException e) {
            exitWithUsage(e.getMessage());
            throw e; // not reached
        }
    }

    private static JobExecutionResult runJob(JobConfig config) throws Exception {
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
