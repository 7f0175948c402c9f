package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ghanomaly.core.alert.ReportColumns;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.generator.Shift;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import io.ghanomaly.trainer.ModelTrainer;
import io.ghanomaly.trainer.TrainerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on three generated hours, then the job over four more of the same kind with a
 * planted shift: one hour with every event four times; PushEvents that stop saying their commits
 * (through a webhook that is down at first); a storm of bots. The shifted hours, and only they,
 * raise alerts, each incident one per rule; the steady hours raise none.
 */
class HourlyDriftIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    static final String SHIFTED = "2025-01-01T06:00:00Z";

    @TempDir Path work;

    @Test
    void aPlantedShiftDriftsAndAlertsTheSteadyHoursDoNot() throws Exception {
        Path models = work.resolve("models");
        ModelTrainer.Outcome trained = train(models);

        Path input = work.resolve("hours");
        // 04-07: in these small generated hours, 03 and 08 have a third fewer actors with more
        // events each (2,148 and 1,727 people's actor-hours against 3,033-3,044 in the others),
        // and the job finds them drifted; 04-07 are alike
        List<Path> hours = JobRuns.generatedHours(input, "2025-01-01T04", 4);
        fourTimesOver(hours.get(2)); // 2025-01-01-6
        Path output = work.resolve("output");
        JobRuns.bounded("HourlyDriftIT", input, output, "--models", models.toString());

        List<Row> reports = ParquetOutput.rows(output.resolve("drift"));
        Map<String, Row> people = new TreeMap<>();
        for (Row r : reports) {
            if (r.getString(ReportColumns.POPULATION).equals("people")) {
                people.put(hourOf(r), r);
            }
        }
        assertThat(people.keySet())
                .containsExactly(
                        "2025-01-01T04:00:00Z",
                        "2025-01-01T05:00:00Z",
                        SHIFTED,
                        "2025-01-01T07:00:00Z");
        for (Row r : people.values()) {
            assertThat(r.getString(ReportColumns.MODEL_VERSION))
                    .isEqualTo(trained.bundle().version());
            assertThat(r.getLong(ReportColumns.SCORED)).isEqualTo(r.getLong(ReportColumns.ROWS));
            List<String> drifted = drifted(r);
            System.out.printf(
                    "HourlyDriftIT %s: %d rows, anomaly rate %.4f, drifted %s%n",
                    hourOf(r),
                    r.getLong(ReportColumns.ROWS),
                    (Double) r.record().get(ReportColumns.ANOMALY_RATE),
                    drifted);
            if (hourOf(r).equals(SHIFTED)) {
                // counts of events drift; distinct repositories, minutes and types do not
                assertThat(drifted)
                        .as(r.record().toString())
                        .contains("event_count", "push_count", "max_events_per_minute")
                        .doesNotContain("repo_diversity", "active_minutes", "distinct_event_types");
                assertThat((Double) r.record().get(ReportColumns.ANOMALY_RATE)).isGreaterThan(0.2);
            } else {
                assertThat(drifted).as(hourOf(r) + ": " + r.record()).isEmpty();
                assertThat((Double) r.record().get(ReportColumns.ANOMALY_RATE)).isLessThan(0.1);
            }
        }

        List<Row> alerts = ParquetOutput.rows(output.resolve("alerts"));
        List<String> ids = new ArrayList<>();
        for (Row a : alerts) {
            ids.add(a.getString(ReportColumns.ID));
            assertThat(a.getString(ReportColumns.LINK)).endsWith("#hour=2025-01-01T06");
            assertThat(a.getString(ReportColumns.SUMMARY)).containsAnyOf("anomalous", "critical");
        }
        // the rate rule fires once, and so does the rule on critical actor-hours (every actor is
        // four times over); half the features have not drifted, so no dataset drift, and no
        // feature drifts three hours in a row
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "anomaly_rate/people/" + SHIFTED, "critical_actors/people/" + SHIFTED);
        // and they were delivered: the local log, the channel that is always there
        assertThat(Files.readAllLines(output.resolve("_alerts.jsonl")))
                .hasSize(2)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("\"id\":\"anomaly_rate/people/" + SHIFTED));
    }

    @Test
    void aFeatureThatStopsBeingReportedAlertsOnceThroughAWebhookThatIsDownAtFirst()
            throws Exception {
        Path models = work.resolve("models");
        train(models);
        Path input = work.resolve("hours");
        // from 05:00 PushEvents say nothing of their commits, as the archive since October 2025
        JobRuns.generatedHours(
                input,
                "2025-01-01T04",
                4,
                Map.of(Shift.PUSH_COMMITS_DROPPED, Instant.parse("2025-01-01T05:00:00Z")));
        Path output = work.resolve("output");
        try (FlakyWebhook hook = new FlakyWebhook(3)) {
            Path settings = work.resolve("alerting.properties");
            Files.writeString(settings, "ALERT_WEBHOOK_URL=" + hook.url() + "\n");
            JobRuns.bounded(
                    "HourlyDriftIT-push-commits",
                    input,
                    output,
                    "--models",
                    models.toString(),
                    "--alert-config",
                    settings.toString());

            List<String> ids = alertIds(output);
            // The input rule sees it at the first such file. The distribution halves its mean
            // (2.45 commits per actor-hour to 1.2) but Evidently's normed Wasserstein stays under
            // its threshold (0.026 before, 0.058 after): a few push bursts make the std large.
            String expected = "payload_changed/input/2025-01-01T05:00:00Z/2025-01-01-5.json.gz";
            assertThat(ids).containsExactly(expected);
            // the webhook refused the first three tries; the fourth brought it, nothing lost
            assertThat(hook.refused()).isEqualTo(3);
            assertThat(hook.delivered()).singleElement().asString().contains(expected);
        }
    }

    @Test
    void aBotStormDriftsTheBotsFeaturesAndAlertsOnce() throws Exception {
        Path models = work.resolve("models");
        train(models);
        Path input = work.resolve("hours");
        JobRuns.generatedHours(
                input,
                "2025-01-01T04",
                4,
                Map.of(Shift.BOT_STORM, Instant.parse("2025-01-01T05:00:00Z")));
        Path output = work.resolve("output");
        // these small hours have 17 bots' actor-hours each: judged from 10 rows, not 100
        JobRuns.bounded(
                "HourlyDriftIT-bot-storm",
                input,
                output,
                "--models",
                models.toString(),
                "--alert-min-rows",
                "10");
        for (Row r : ParquetOutput.rows(output.resolve("drift"))) {
            System.out.printf(
                    "HourlyDriftIT bot storm %s %s: %d rows, anomaly rate %.4f, drifted %s%n",
                    hourOf(r),
                    r.getString(ReportColumns.POPULATION),
                    r.getLong(ReportColumns.ROWS),
                    (Double) r.record().get(ReportColumns.ANOMALY_RATE),
                    drifted(r));
        }
        List<String> ids = alertIds(output);
        // The storm's first hour: 3 of the 17 bots anomalous, against 1 before, and half the
        // bots' features or more drifted: one rate alert, one dataset drift. The hours after are
        // the same incident (cooldown), the features that go on drifting part of the dataset's.
        // The people's hours: none.
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "anomaly_rate/bots/2025-01-01T05:00:00Z",
                        "dataset_drift/bots/2025-01-01T05:00:00Z");
    }

    @Test
    void followingTheArchiveNoNewFileForTheStallTimeIsSaidOnce() throws Exception {
        Path models = Files.createDirectories(work.resolve("models"));
        ModelBundleFile.write(TestBundles.bundle("v1", FeatureSet.ALL), models);
        Path staged = work.resolve("staged");
        List<Path> hours = JobRuns.generatedHours(staged, "2025-01-01T04", 1);
        Path input = Files.createDirectories(work.resolve("hours"));
        Path output = work.resolve("output");
        Path log = output.resolve("_alerts.jsonl");
        JobClient job =
                JobRuns.pipeline(
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString(),
                                "--parallelism",
                                "2",
                                "--alert-log",
                                log.toString(),
                                "--follow",
                                "--monitor-interval",
                                "1s",
                                "--checkpoint-interval",
                                "2s",
                                "--models",
                                models.toString(),
                                "--alert-stall",
                                "3s")
                        .executeAsync("HourlyDriftIT-stall");
        try {
            JobRuns.publish(input, hours.get(0));
            JobRuns.awaitEquals(1, () -> stalls(log), Duration.ofSeconds(60));
            Thread.sleep(5_000); // longer than another stall: still one, said once
            assertThat(stalls(log)).isOne();
            assertThat(Files.readAllLines(log))
                    .filteredOn(l -> l.contains("input_stalled"))
                    .singleElement()
                    .asString()
                    .contains("input_stalled/input/2025-01-01T05:00:00Z");
        } finally {
            job.cancel().get();
        }
    }

    private static long stalls(Path log) {
        try {
            return Files.exists(log)
                    ? Files.readAllLines(log).stream()
                            .filter(l -> l.contains("input_stalled"))
                            .count()
                    : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> alertIds(Path output) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Row a : ParquetOutput.rows(output.resolve("alerts"))) {
            ids.add(a.getString(ReportColumns.ID));
        }
        return ids;
    }

    private static ModelTrainer.Outcome train(Path models) throws Exception {
        Path training = models.resolveSibling("training");
        JobRuns.generatedHours(training, "2025-01-01T00", 3);
        ModelTrainer.Outcome trained =
                ModelTrainer.run(
                        TrainerConfig.parse(
                                new String[] {
                                    "--raw", training.toString(), "--models", models.toString()
                                }),
                        new PrintStream(OutputStream.nullOutputStream()),
                        Map.of());
        assertThat(trained.promoted()).isTrue();
        return trained;
    }

    /** A loopback webhook that answers 503 to its first {@code failures} requests, then 200. */
    static final class FlakyWebhook implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();
        private final int failures;
        private final List<String> delivered = new CopyOnWriteArrayList<>();

        FlakyWebhook(int failures) throws IOException {
            this.failures = failures;
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/hook",
                    exchange -> {
                        String body =
                                new String(
                                        exchange.getRequestBody().readAllBytes(),
                                        StandardCharsets.UTF_8);
                        boolean down = requests.incrementAndGet() <= this.failures;
                        if (!down) {
                            delivered.add(body);
                        }
                        exchange.sendResponseHeaders(down ? 503 : 200, -1);
                        exchange.close();
                    });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int refused() {
            return Math.min(requests.get(), failures);
        }

        List<String> delivered() {
            return delivered;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static List<String> drifted(Row report) {
        List<String> names = new ArrayList<>();
        for (Object o : (List<?>) report.record().get(ReportColumns.FEATURES)) {
            GenericRecord f = (GenericRecord) o;
            if ((Boolean) f.get(ReportColumns.DRIFTED)) {
                names.add(f.get(ReportColumns.FEATURE).toString());
            }
        }
        return names;
    }

    private static String hourOf(Row r) {
        return Instant.ofEpochMilli(r.getLong(ReportColumns.HOUR_START_MS)).toString();
    }

    /** Rewrites a generated hour with every line four times. */
    private static void fourTimesOver(Path file) throws Exception {
        List<String> lines = SharedData.gzipLines(file);
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String line : lines) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 4; i++) {
                    out.write(bytes);
                }
            }
        }
    }
}
