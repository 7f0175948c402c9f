package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.alert.ReportColumns;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.generator.GenerateHours;
import io.ghanomaly.generator.GeneratorConfig;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job, bounded, on a MiniCluster over real archive hours; output read back. */
class FeaturePipelineIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir Path work;

    @Test
    void featureTotalsEqualTheEventsOfEveryRealHour() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        for (String hour :
                List.of("2011-02-15-0", "2013-02-15-0", "2015-01-01-0", "2015-01-01-15")) {
            Path real = SharedData.require("gharchive/hours/" + hour + ".json.gz");
            Files.copy(real, input.resolve(real.getFileName()));
        }

        JobExecutionResult result =
                JobRuns.bounded("FeaturePipelineIT", input, work.resolve("out"));

        List<Row> features = ParquetOutput.rows(work.resolve("out/features"));
        Map<String, Long> eventsPerHour =
                features.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Row::partition,
                                        TreeMap::new,
                                        Collectors.summingLong(r -> r.getLong("event_count"))));
        // Per UTC hour, exactly the events the parser reads from these files (see core's
        // GhEventParserRealDataTest); the Timeline file's hour 0 is 08:00 UTC.
        assertThat(eventsPerHour)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "dt=2011-02-15/hour=0", 1628L,
                                "dt=2013-02-15/hour=8", 6752L,
                                "dt=2013-02-15/hour=9", 96L,
                                "dt=2015-01-01/hour=0", 7702L,
                                "dt=2015-01-01/hour=15", 11351L));
        Set<String> actorHours = new HashSet<>();
        for (Row r : features) {
            assertThat(actorHours.add(r.getString("actor_login") + r.getLong("hour_start_ms")))
                    .as("one row per actor-hour")
                    .isTrue();
            assertThat(r.getLong("feature_version")).isEqualTo(Feature.VERSION);
        }
        assertThat(features.get(0).record().getSchema().getFields())
                .extracting(f -> f.name())
                .containsAll(
                        java.util.Arrays.stream(Feature.values())
                                .map(Feature::columnName)
                                .toList());

        Map<String, Long> deadLetters =
                ParquetOutput.rows(work.resolve("out/dead-letters")).stream()
                        .collect(Collectors.groupingBy(Row::partition, Collectors.counting()));
        // by the UTC hour of the file, then the reason
        assertThat(deadLetters)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "dt=2011-02-15/hour=0/reason=missing_actor", 11L,
                                "dt=2013-02-15/hour=8/reason=missing_actor", 3L));
        assertThat(ParquetOutput.rows(work.resolve("out/late-events"))).isEmpty();

        assertThat(result.<Long>getAccumulatorResult("eventsRead")).isEqualTo(27_529L);
        assertThat(result.<Long>getAccumulatorResult("windowsEmitted")).isEqualTo(features.size());
        assertThat(result.<Long>getAccumulatorResult("filesRead")).isEqualTo(4L);
        assertThat(result.<Long>getAccumulatorResult("parseErrors.missing_actor")).isEqualTo(14L);
    }

    @Test
    void keepsEveryCompleteLineOfBrokenFilesAndCarriesOnWithTheNextFile() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path truncated = SharedData.require("gharchive/bad/2015-01-01-0.truncated.json.gz");
        Path corrupt = SharedData.require("gharchive/bad/2015-01-01-11.corrupt-header.json.gz");
        Path good = SharedData.require("gharchive/hours/2015-01-01-15.json.gz");
        for (Path p : List.of(truncated, corrupt, good)) {
            Files.copy(p, input.resolve(p.getFileName()));
        }
        long completeLines = SharedData.completeLinesByGzip(truncated);
        Path models = Files.createDirectories(work.resolve("models"));
        ModelBundleFile.write(TestBundles.bundle("v1", FeatureSet.ALL), models);

        JobExecutionResult result =
                JobRuns.bounded(
                        "FeaturePipelineIT",
                        input,
                        work.resolve("out"),
                        "--models",
                        models.toString());

        Map<String, Long> eventsPerHour =
                ParquetOutput.rows(work.resolve("out/features")).stream()
                        .collect(
                                Collectors.groupingBy(
                                        Row::partition,
                                        Collectors.summingLong(r -> r.getLong("event_count"))));
        assertThat(eventsPerHour)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "dt=2015-01-01/hour=0",
                                completeLines,
                                "dt=2015-01-01/hour=15",
                                11351L));
        Map<String, Long> deadLetters =
                ParquetOutput.rows(work.resolve("out/dead-letters")).stream()
                        .collect(Collectors.groupingBy(Row::partition, Collectors.counting()));
        assertThat(deadLetters)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "dt=2015-01-01/hour=0/reason=truncated_line", 1L,
                                "dt=2015-01-01/hour=0/reason=file_error", 1L,
                                "dt=2015-01-01/hour=11/reason=file_error", 1L));
        assertThat(result.<Long>getAccumulatorResult("filesFailed")).isEqualTo(2L);
        assertThat(result.<Long>getAccumulatorResult("filesRead")).isEqualTo(3L);
        // each broken file is an alert, the intact one is not (a test model's drift alerts aside)
        List<Row> inputAlerts =
                ParquetOutput.rows(work.resolve("out/alerts")).stream()
                        .filter(a -> a.getString(ReportColumns.POPULATION).equals("input"))
                        .toList();
        assertThat(inputAlerts)
                .extracting(a -> a.getString(ReportColumns.ID))
                .containsExactlyInAnyOrder(
                        "file_failed/input/2015-01-01T00:00:00Z/2015-01-01-0.truncated.json.gz",
                        "file_failed/input/2015-01-01T11:00:00Z/"
                                + "2015-01-01-11.corrupt-header.json.gz");
        assertThat(inputAlerts)
                .allSatisfy(
                        a -> assertThat(a.getString(ReportColumns.SUMMARY)).contains("could not"));
    }

    @Test
    void accountsForEveryEventOfManyHoursAndOnlyThePlantedStragglersAreLate() throws Exception {
        GeneratorConfig small =
                GeneratorConfig.defaults()
                        .withActiveActorsPerHour(5_000)
                        .withActorPopulation(20_000)
                        .withEventsPerHour(20_000);
        Path input = work.resolve("in");
        GenerateHours.generate(
                input,
                Instant.parse("2025-01-01T00:00:00Z"),
                6,
                small,
                new PrintStream(OutputStream.nullOutputStream()));

        JobExecutionResult result =
                JobRuns.bounded("FeaturePipelineIT", input, work.resolve("out"));

        long events = result.<Long>getAccumulatorResult("eventsRead");
        long late = result.<Long>getAccumulatorResult("lateEvents");
        long inRows =
                ParquetOutput.rows(work.resolve("out/features")).stream()
                        .mapToLong(r -> r.getLong("event_count"))
                        .sum();
        assertThat(events).isGreaterThanOrEqualTo(6 * 20_000L);
        assertThat(inRows + late).isEqualTo(events);
        // The generator starts each file with 2 events of the hour before (0.0001 x 20,000);
        // the first file's belong to an hour that is still open.
        assertThat(late).isEqualTo(5 * 2);
        assertThat(ParquetOutput.rows(work.resolve("out/late-events"))).hasSize(10);
    }
}
