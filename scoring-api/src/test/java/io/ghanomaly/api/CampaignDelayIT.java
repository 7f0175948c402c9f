package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long after the hour that completes a campaign lands the campaign is committed, alerted and
 * served: a following job with its default intervals (input listed every 10 s, output committed
 * every 10 s), the API refreshing at its default 5 s, over the real 2025 hours of ../shared/data
 * with campaigns planted into them. The promise is 5 minutes.
 */
class CampaignDelayIT {
    static final Duration PROMISE = Duration.ofMinutes(5);

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void aCampaignIsServedAndAlertedWithinFiveMinutesOfTheHourThatCompletesIt() throws Exception {
        Path staged = JobRuns.realHoursWithCampaigns(work, 11);
        Path input = Files.createDirectories(work.resolve("hours"));
        Path output = Files.createDirectories(work.resolve("output"));
        Path alertLog = output.resolve("_alerts.jsonl");
        ApiConfig config = ApiConfig.of(output, Files.createDirectories(work.resolve("models")));

        long[] delays = new long[3]; // committed, alerted, served: ms after the hour landed
        JobClient job =
                JobRuns.pipeline(
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--alert-log",
                                alertLog.toString(),
                                "--parallelism",
                                "2",
                                "--follow")
                        .executeAsync("CampaignDelayIT");
        try {
            ApiTesting.serve(
                    config,
                    (client, state) -> {
                        state.startRefreshing();
                        JobRuns.publish(input, staged.resolve("2025-07-08-15.json.gz"));
                        await(
                                () ->
                                        !ParquetOutput.committedFiles(
                                                        output.resolve(
                                                                "features/dt=2025-07-08/hour=15"))
                                                .isEmpty(),
                                Duration.ofMinutes(3),
                                "the first hour committed");
                        assertThat(get(client, "/campaigns").json().get("total").asInt())
                                .as("campaigns before the hour that completes them")
                                .isZero();

                        long landed = System.currentTimeMillis();
                        JobRuns.publish(input, staged.resolve("2025-07-10-15.json.gz"));
                        Path campaigns = output.resolve("campaigns/dt=2025-07-10/hour=15");
                        boolean[] seen = new boolean[3];
                        await(
                                () -> {
                                    long now = System.currentTimeMillis();
                                    if (!seen[0]
                                            && !ParquetOutput.committedFiles(campaigns).isEmpty()) {
                                        seen[0] = true;
                                        delays[0] = now - landed;
                                    }
                                    if (!seen[1] && alerted(alertLog)) {
                                        seen[1] = true;
                                        delays[1] = now - landed;
                                    }
                                    if (!seen[2] && served(client)) {
                                        seen[2] = true;
                                        delays[2] = now - landed;
                                    }
                                    return seen[0] && seen[1] && seen[2];
                                },
                                PROMISE.multipliedBy(2),
                                "the campaigns committed, alerted and served");
                    });
        } finally {
            job.cancel().get();
        }
        System.out.printf(
                "CampaignDelayIT: after the hour that completes them landed, campaigns were"
                        + " committed in %.1f s, alerted in %.1f s and served in %.1f s%n",
                delays[0] / 1000.0, delays[1] / 1000.0, delays[2] / 1000.0);
        for (long d : delays) {
            assertThat(Duration.ofMillis(d)).isLessThan(PROMISE);
        }
    }

    private static boolean alerted(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains("\"campaign_new\"");
        } catch (IOException e) {
            return false; // being written
        }
    }

    private static boolean served(io.javalin.testtools.HttpClient client) {
        JsonNode body = get(client, "/campaigns").json();
        return body.path("total").asInt() > 0;
    }

    private static void await(BooleanSupplier done, Duration patience, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + patience.toMillis();
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + ": not after " + patience);
            }
            Thread.sleep(50);
        }
    }
}
