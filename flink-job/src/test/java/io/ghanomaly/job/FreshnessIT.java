package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
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
    private static final Duration WAIT = PROMISE.multipliedBy(2);

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void writesAnHourWithinAMinuteOfItsFileAndSendsLaterStragglersToTheLateOutput()
            throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path out = work.resolve("out");
        List<String> hour15 =
                SharedData.gzipLines(SharedData.require("gharchive/hours/2015-01-01-15.json.gz"));
        StreamExecutionEnvironment env = JobRuns.following(input, out);
        JobClient job = env.executeAsync("FreshnessIT");
        try {
            long landed = JobRuns.publish(input, "2015-01-01-15.json.gz", hour15);
            long written =
                    JobRuns.awaitEquals(
                            11_351,
                            () -> eventsIn(out.resolve("features/dt=2015-01-01/hour=15")),
                            WAIT);
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
            JobRuns.publish(input, "2015-01-01-16.json.gz", hour16);
            JobRuns.awaitEquals(
                    3, () -> ParquetOutput.rows(out.resolve("late-events")).size(), WAIT);
            JobRuns.awaitEquals(
                    100, () -> eventsIn(out.resolve("features/dt=2015-01-01/hour=16")), WAIT);
            assertThat(eventsIn(out.resolve("features/dt=2015-01-01/hour=15"))).isEqualTo(11_351);
        } finally {
            job.cancel().get();
        }
    }

    /** Needs nothing from ../shared/data: the hours are written here. */
    @Test
    void sendsAWholeFileThatLandsAfterItsHourWasCompleteOrIsDownloadedAgainToTheLateOutput()
            throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path out = work.resolve("out");
        JobClient job = JobRuns.following(input, out).executeAsync("FreshnessIT-late-file");
        try {
            JobRuns.publish(input, "2025-01-01-15.json.gz", hour("2025-01-01T15:00:00Z", 200));
            JobRuns.awaitEquals(
                    200, () -> eventsIn(out.resolve("features/dt=2025-01-01/hour=15")), WAIT);

            // an earlier hour lands after a later one has been written
            JobRuns.publish(input, "2025-01-01-14.json.gz", hour("2025-01-01T14:00:00Z", 120));
            JobRuns.awaitEquals(
                    120, () -> ParquetOutput.rows(out.resolve("late-events")).size(), WAIT);
            assertThat(ParquetOutput.rows(out.resolve("late-events")))
                    .allMatch(r -> r.partition().equals("dt=2025-01-01/hour=14"));

            // the hour of 15:00 downloaded again under the same name, now with 250 events
            JobRuns.publish(input, "2025-01-01-15.json.gz", hour("2025-01-01T15:00:00Z", 250));
            JobRuns.awaitEquals(
                    120 + 250, () -> ParquetOutput.rows(out.resolve("late-events")).size(), WAIT);

            // and the job goes on with the next hour
            JobRuns.publish(input, "2025-01-01-16.json.gz", hour("2025-01-01T16:00:00Z", 50));
            JobRuns.awaitEquals(
                    50, () -> eventsIn(out.resolve("features/dt=2025-01-01/hour=16")), WAIT);
            assertThat(eventsIn(out.resolve("features/dt=2025-01-01/hour=14"))).isZero();
            assertThat(eventsIn(out.resolve("features/dt=2025-01-01/hour=15"))).isEqualTo(200);
        } finally {
            job.cancel().get();
        }
    }

    /** {@code n} star events spread over the hour, by 40 actors. */
    private static List<String> hour(String start, int n) {
        Instant t0 = Instant.parse(start);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(
                    String.format(
                            "{\"id\":\"%d\",\"type\":\"WatchEvent\",\"actor\":{\"id\":%d,"
                                    + "\"login\":\"user%d\"},\"repo\":{\"name\":\"o/r%d\"},"
                                    + "\"payload\":{\"action\":\"started\"},"
                                    + "\"created_at\":\"%s\"}",
                            i, i % 40, i % 40, i % 7, t0.plusSeconds(i * 3599L / n)));
        }
        return lines;
    }

    private static long eventsIn(Path partition) {
        return ParquetOutput.rows(partition).stream()
                .mapToLong(r -> r.getLong("event_count"))
                .sum();
    }
}
