package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import io.ghanomaly.trainer.FeatureHistory;
import io.ghanomaly.trainer.TrainerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills across the archive's eras and daylight-saving changes with real events: every event
 * read is in a row or in the late output, each in the UTC hour it happened, and the trainer's raw
 * path computes exactly the actor-hours the job writes.
 */
class ArchiveBackfillIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final Instant REAL_2013_HOUR = Instant.parse("2013-02-15T08:00:00Z");

    @TempDir Path work;

    /**
     * Pacific-era files are the real Timeline hour 2013-02-15-0 (08:00 UTC) with every {@code
     * created_at} moved by whole hours to the hour the file's name stands for, and written with the
     * Pacific offset of its new time (-08:00 or -07:00), as the Timeline API wrote them. Its 6,848
     * events with an actor fall 6,752 in that hour and 96 in the next (up to 34 s past). The
     * Events-era files are the real 2015 hours, as they are; one of them twice, the second copy
     * landing after its hour was complete.
     */
    @Test
    void losesNothingAcrossTheChangeOfEraAndTheDaylightSavingChanges() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        List<String> timeline =
                SharedData.gzipLines(SharedData.require("gharchive/hours/2013-02-15-0.json.gz"));
        Map<String, String> pacificNames =
                Map.of(
                        "2012-11-04-0", "2012-11-04T07:00:00Z", // PDT
                        "2012-11-04-1", "2012-11-04T08:00:00Z", // the first 01:00, PDT
                        "2012-11-04-2", "2012-11-04T10:00:00Z", // PST: 09:00 UTC has no file
                        "2013-03-10-1", "2013-03-10T09:00:00Z", // PST; 02:00 local never was
                        "2013-03-10-3", "2013-03-10T10:00:00Z", // PDT
                        "2014-12-31-16", "2015-01-01T00:00:00Z", // the same hour as 2015-01-01-0
                        "2014-12-31-22", "2015-01-01T06:00:00Z",
                        "2014-12-31-23", "2015-01-01T07:00:00Z");
        for (Map.Entry<String, String> f : pacificNames.entrySet()) {
            JobRuns.publish(
                    input,
                    f.getKey() + ".json.gz",
                    retimed(
                            timeline,
                            Duration.between(REAL_2013_HOUR, Instant.parse(f.getValue()))));
        }
        for (String real : List.of("2015-01-01-0", "2015-01-01-15")) {
            Files.copy(
                    SharedData.require("gharchive/hours/" + real + ".json.gz"),
                    input.resolve(real + ".json.gz"));
        }
        Files.copy(
                input.resolve("2015-01-01-15.json.gz"),
                input.resolve("2015-01-01-15.again.json.gz"));

        JobExecutionResult result =
                JobRuns.bounded("ArchiveBackfillIT", input, work.resolve("out"));

        List<Row> rows = ParquetOutput.rows(work.resolve("out/features"));
        Map<String, Long> eventsPerHour =
                rows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Row::partition,
                                        TreeMap::new,
                                        Collectors.summingLong(r -> r.getLong("event_count"))));
        Map<String, Long> expected = new TreeMap<>();
        expected.putAll(
                Map.of(
                        "dt=2012-11-04/hour=7", 6752L,
                        "dt=2012-11-04/hour=8", 96L + 6752,
                        "dt=2012-11-04/hour=9", 96L,
                        "dt=2012-11-04/hour=10", 6752L,
                        "dt=2012-11-04/hour=11", 96L,
                        "dt=2013-03-10/hour=9", 6752L,
                        "dt=2013-03-10/hour=10", 96L + 6752,
                        "dt=2013-03-10/hour=11", 96L));
        expected.putAll(
                Map.of(
                        "dt=2015-01-01/hour=0", 6752L + 7702, // both eras' files of 00:00 UTC
                        "dt=2015-01-01/hour=1", 96L,
                        "dt=2015-01-01/hour=6", 6752L,
                        "dt=2015-01-01/hour=7", 96L + 6752,
                        "dt=2015-01-01/hour=8", 96L,
                        "dt=2015-01-01/hour=15", 11351L));
        assertThat(eventsPerHour).isEqualTo(expected);

        long eventsRead = result.<Long>getAccumulatorResult("eventsRead");
        long late = result.<Long>getAccumulatorResult("lateEvents");
        long inRows = eventsPerHour.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "ArchiveBackfillIT: %d files, %,d events in, %,d in %,d actor-hour rows, %,d late"
                        + " (one file landing after its hour), %,d lost%n",
                result.<Long>getAccumulatorResult("filesRead"),
                eventsRead,
                inRows,
                rows.size(),
                late,
                eventsRead - inRows - late);
        assertThat(eventsRead).isEqualTo(8 * 6848L + 7702 + 2 * 11351);
        assertThat(late).isEqualTo(11351L); // the second file of 15:00, whole
        assertThat(result.<Long>getAccumulatorResult("lateFiles")).isEqualTo(1L);
        assertThat(inRows + late).isEqualTo(eventsRead);
        assertThat(result.<Long>getAccumulatorResult("parseErrors.missing_actor"))
                .isEqualTo(8 * 3L);

        assertThat(rawActorHours(input)).isEqualTo(jobActorHours(work.resolve("out")));
        backfillWritesTheSameRows(input, work.resolve("out"), result);
    }

    @Test
    void theTrainerComputesTheJobsActorHoursFromEveryRealHour() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        for (String dir : List.of("gharchive/hours", "gharchive/samples", "gharchive/bad")) {
            try (Stream<Path> files = Files.list(SharedData.require(dir))) {
                for (Path f : files.toList()) {
                    Files.copy(f, input.resolve(f.getFileName()));
                }
            }
        }
        try (Stream<Path> files = Files.list(SharedData.require("seed-parity"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).toList()) {
                Files.copy(f, input.resolve(f.getFileName()));
            }
        }

        JobExecutionResult result =
                JobRuns.bounded("ArchiveBackfillIT", input, work.resolve("out"));

        Map<String, String> fromJob = jobActorHours(work.resolve("out"));
        assertThat(fromJob).hasSizeGreaterThan(90_000);
        assertThat(rawActorHours(input)).isEqualTo(fromJob);
        // the truncated copy of 2015-01-01-0 holds an hour the intact file has completed
        assertThat(result.<Long>getAccumulatorResult("lateFiles")).isEqualTo(1L);
        assertThat(result.<Long>getAccumulatorResult("filesFailed")).isEqualTo(2L);
        backfillWritesTheSameRows(input, work.resolve("out"), result);
        writesTheSameRows(
                "--state-backend rocksdb",
                input,
                work.resolve("out"),
                result,
                "--state-backend",
                "rocksdb");
    }

    /**
     * A {@code --backfill} of the same input (batch execution, two readers, files in no order)
     * writes the rows the one-reader run wrote to {@code streamed}, row for row and column for
     * column: features, late events and dead letters, each in its partition; and counts the same.
     */
    private void backfillWritesTheSameRows(Path input, Path streamed, JobExecutionResult streaming)
            throws Exception {
        writesTheSameRows("--backfill", input, streamed, streaming, "--backfill");
    }

    /**
     * The job with these options (a backfill; RocksDB, whose windows hold events instead of an
     * accumulator) writes and counts what the one-reader run on the heap wrote to {@code streamed}.
     */
    private void writesTheSameRows(
            String what, Path input, Path streamed, JobExecutionResult streaming, String... options)
            throws Exception {
        Path other = work.resolve("out-" + what.replaceAll("[^a-z]+", "-"));
        JobExecutionResult run =
                JobRuns.bounded("ArchiveBackfillIT " + what, input, other, options);
        for (String output : List.of("features", "late-events", "dead-letters")) {
            ParquetOutput.assertSameRows(streamed.resolve(output), other.resolve(output));
        }
        for (String counter :
                List.of(
                        "eventsRead",
                        "lateEvents",
                        "lateFiles",
                        "filesRead",
                        "filesFailed",
                        "parseErrors",
                        "windowsEmitted")) {
            assertThat(run.<Long>getAccumulatorResult(counter))
                    .as(counter)
                    .isEqualTo(streaming.<Long>getAccumulatorResult(counter));
        }
        System.out.printf(
                "ArchiveBackfillIT %s: %,d events in %,d actor-hours, %,d late, the same"
                        + " rows as the one-reader run%n",
                what,
                run.<Long>getAccumulatorResult("eventsRead"),
                run.<Long>getAccumulatorResult("windowsEmitted"),
                run.<Long>getAccumulatorResult("lateEvents"));
    }

    /** The lines with every top-level created_at moved by {@code by}, in Pacific offset. */
    private static List<String> retimed(List<String> lines, Duration by) throws IOException {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            ObjectNode e = (ObjectNode) JSON.readTree(line);
            Instant at = OffsetDateTime.parse(e.get("created_at").asText()).toInstant().plus(by);
            e.put(
                    "created_at",
                    at.atZone(PACIFIC)
                            .toOffsetDateTime()
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            out.add(JSON.writeValueAsString(e));
        }
        return out;
    }

    private static Map<String, String> jobActorHours(Path output) throws IOException {
        return actorHours("--features", output);
    }

    private static Map<String, String> rawActorHours(Path input) throws IOException {
        return actorHours("--raw", input);
    }

    private static Map<String, String> actorHours(String source, Path dir) throws IOException {
        Map<String, String> byActorHour = new TreeMap<>();
        FeatureHistory.open(
                        TrainerConfig.parse(
                                new String[] {
                                    source,
                                    dir.toString(),
                                    "--models",
                                    "unused",
                                    "--from",
                                    "2011-01-01",
                                    "--to",
                                    "2026-01-01"
                                }),
                        new PrintStream(OutputStream.nullOutputStream()))
                .forEach(
                        a ->
                                byActorHour.put(
                                        a.actor() + "@" + a.hourStartMillis(),
                                        Arrays.toString(a.features())));
        return byActorHour;
    }
}
