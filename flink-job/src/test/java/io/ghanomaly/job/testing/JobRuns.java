package io.ghanomaly.job.testing;

import io.ghanomaly.job.FeaturePipeline;
import io.ghanomaly.job.GhAnomalyJob;
import io.ghanomaly.job.JobConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
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
    public static StreamExecutionEnvironment pipeline(String... args) {
        JobConfig config = JobConfig.parse(args);
        StreamExecutionEnvironment env = GhAnomalyJob.environment(config, new Configuration());
        FeaturePipeline.forFiles(config).addTo(env);
        return env;
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
