package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.job.testing.ParquetOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job following a directory, as in production: an hour is written once its own file has been
 * read, without the next hour's file, and stragglers that come later go to the late output.
 */
class FreshnessIT {
    private static final Duration PROMISE = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path work;

    @Test
    void writesAnHourWithinAMinuteOfItsFileAndSendsLaterStragglersToTheLateOutput()
            throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path out = work.resolve("out");
        List<String> hour15 =
                SharedData.gzipLines(SharedData.require("gharchive/hours/2015-01-01-15.json.gz"));
        JobConfig config =
                JobConfig.parse(
                        new String[] {
                            "--input",
                            input.toString(),
                            "--output",
                            out.toString(),
                            "--follow",
                            "--monitor-interval",
                            "1s",
                            "--checkpoint-interval",
                            "2s",
                            "--parallelism",
                            "2"
                        });
        StreamExecutionEnvironment env = GhAnomalyJob.environment(config, new Configuration());
        FeaturePipeline.forFiles(config).addTo(env);
        JobClient job = env.executeAsync("FreshnessIT");
        try {
            long landed = publish(input, "2015-01-01-15.json.gz", hour15);
            long written =
                    awaitEquals(
                            11_351, () -> eventsIn(out.resolve("features/dt=2015-01-01/hour=15")));
            Duration freshness = Duration.ofMillis(written - landed);
            System.out.printf(
                    "FreshnessIT: hour 2015-01-01T15 (11,351 events) committed %d ms after its"
                            + " file landed%n",
                    freshness.toMillis());
            assertThat(freshness).isLessThan(PROMISE);

            // The next hour's file starts with three events of hour 15, as the archive's can.
            List<String> hour16 = new ArrayList<>(hour15.subList(0, 3));
            for (String line : hour15.subList(3, 103)) {
                hour16.add(line.replace("\"2015-01-01T15:", "\"2015-01-01T16:"));
            }
            publish(input, "2015-01-01-16.json.gz", hour16);
            awaitEquals(3, () -> ParquetOutput.rows(out.resolve("late-events")).size());
            awaitEquals(100, () -> eventsIn(out.resolve("features/dt=2015-01-01/hour=16")));
            assertThat(eventsIn(out.resolve("features/dt=2015-01-01/hour=15"))).isEqualTo(11_351);
        } finally {
            job.cancel().get();
        }
    }

    /** Writes a gzipped hour under a hidden name, then renames it in, as a downloader should. */
    private static long publish(Path dir, String name, List<String> lines) throws IOException {
        Path tmp = dir.resolve("." + name + ".inprogress");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            o.write(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return System.currentTimeMillis();
    }

    private static long eventsIn(Path partition) {
        return ParquetOutput.rows(partition).stream()
                .mapToLong(r -> r.getLong("event_count"))
                .sum();
    }

    /** Polls until the value is reached; returns when; fails after twice the promise. */
    private static long awaitEquals(long expected, LongSupplier value) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2 * PROMISE.toMillis();
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            last = value.getAsLong();
            if (last == expected) {
                return System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + expected + " but had " + last + " after waiting");
    }
}
