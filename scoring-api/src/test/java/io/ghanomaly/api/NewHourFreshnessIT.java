package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.javalin.testtools.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A following job commits a new hour; the API, refreshing at its default interval (5 s), serves it
 * within 10 s of the commit.
 */
class NewHourFreshnessIT {
    static final Duration PROMISE = Duration.ofSeconds(10);

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void aNewlyCommittedHourIsServedWithinTenSeconds() throws Exception {
        Path staged = Files.createDirectories(work.resolve("staged"));
        Path input = Files.createDirectories(work.resolve("hours"));
        Path output = work.resolve("output");
        Path models = Files.createDirectories(work.resolve("models"));
        List<Path> hours = JobRuns.generatedHours(staged, "2025-01-01T00", 2);
        ModelBundleFile.write(TestBundles.bundle("20250108T060000Z-fresh", FeatureSet.ALL), models);
        Files.createDirectories(output);
        ApiConfig config = ApiConfig.of(output, models); // --refresh 5s, the default
        assertThat(config.refresh()).isEqualTo(Duration.ofSeconds(5));

        AtomicLong freshness = new AtomicLong(-1);
        JobClient job =
                JobRuns.pipeline(
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--alert-log",
                                output.resolve("_alerts.jsonl").toString(),
                                "--parallelism",
                                "2",
                                "--follow",
                                "--monitor-interval",
                                "1s",
                                "--checkpoint-interval",
                                "2s",
                                "--models",
                                models.toString())
                        .executeAsync("NewHourFreshnessIT");
        try {
            ApiTesting.serve(
                    config,
                    (client, state) -> {
                        state.startRefreshing();
                        JobRuns.publish(input, hours.get(0));
                        awaitServed(client, "2025-01-01T00:00:00Z", Duration.ofMinutes(2));

                        JobRuns.publish(input, hours.get(1));
                        Path partition = output.resolve("features/dt=2025-01-01/hour=1");
                        long committed = awaitCommitted(partition, Duration.ofMinutes(2));
                        long served =
                                awaitServed(
                                        client, "2025-01-01T01:00:00Z", PROMISE.multipliedBy(3));
                        freshness.set(served - committed);
                        assertThat(Duration.ofMillis(freshness.get())).isLessThan(PROMISE);
                        assertThat(get(client, "/anomalies?hour=2025-01-01T01").status())
                                .isEqualTo(200);
                    });
        } finally {
            job.cancel().get();
        }
        // Printed here: JavalinTest captures what a test prints while the app runs.
        System.out.printf(
                "NewHourFreshnessIT: hour 2025-01-01T01 served %d ms after its first file was"
                        + " committed (refresh every %s)%n",
                freshness.get(), config.refresh());
    }

    /** When the first committed Parquet file of the partition appeared. */
    private static long awaitCommitted(Path partition, Duration patience)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (!ParquetOutput.committedFiles(partition).isEmpty()) {
                return System.currentTimeMillis();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing committed in " + partition + " after " + patience);
    }

    /** When /hours first listed the hour with rows. */
    private static long awaitServed(HttpClient client, String hour, Duration patience)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (JsonNode h : get(client, "/hours").json().path("hours")) {
                if (h.get("hour").asText().equals(hour) && h.get("actors").asLong() > 0) {
                    return System.currentTimeMillis();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(hour + " not served after " + patience);
    }
}
