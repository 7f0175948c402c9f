package io.ghanomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.label.GroundTruthLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateHoursTest {
    private static final GeneratorConfig SMALL =
            GeneratorConfig.defaults()
                    .withEventsPerHour(5_000)
                    .withActiveActorsPerHour(2_000)
                    .withActorPopulation(20_000)
                    .withPlantsPerBehaviour(1);

    @Test
    void namesHourFilesAsTheArchiveDoesWithoutZeroPaddingTheHour() {
        assertThat(GenerateHours.hourFileName(Instant.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("2025-01-01-0.json.gz");
        assertThat(GenerateHours.hourFileName(Instant.parse("2025-01-01T15:00:00Z")))
                .isEqualTo("2025-01-01-15.json.gz");
        assertThat(GenerateHours.hourFileName(Instant.parse("2024-03-09T09:00:00Z")))
                .isEqualTo("2024-03-09-9.json.gz");
    }

    @Test
    void writesWholeHourFilesAndLabelsAndLeavesNothingHalfWritten(@TempDir Path folder)
            throws IOException {
        Instant midnight = Instant.parse("2025-01-01T00:00:00Z");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Path labelsFile =
                GenerateHours.generate(
                        folder,
                        midnight,
                        2,
                        SMALL,
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "2025-01-01-0.json.gz", "2025-01-01-1.json.gz", "labels.csv");
        }
        assertThat(labelsFile).isEqualTo(folder.resolve("labels.csv"));
        byte[] second = Files.readAllBytes(folder.resolve("2025-01-01-1.json.gz"));
        assertThat(ArchiveLine.readGzipped(second)).hasSizeGreaterThanOrEqualTo(5_000);
        assertThat(GroundTruthLabel.readCsv(labelsFile))
                .extracting(GroundTruthLabel::hour)
                .contains(midnight, midnight.plusSeconds(3600));
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .containsPattern("2025-01-01-1\\.json\\.gz: [0-9,]+ events, [0-9.]+ MB, [0-9.]+ s")
                .contains("wrote 2 hours");
    }

    @Test
    void rewritingAnHourReplacesItWithTheSameBytes(@TempDir Path folder) throws IOException {
        Instant hour = Instant.parse("2025-01-01T15:00:00Z");
        PrintStream quiet =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        GenerateHours.generate(folder, hour, 1, SMALL, quiet);
        byte[] first = Files.readAllBytes(folder.resolve("2025-01-01-15.json.gz"));

        GenerateHours.generate(folder, hour, 1, SMALL, quiet);

        assertThat(Files.readAllBytes(folder.resolve("2025-01-01-15.json.gz"))).isEqualTo(first);
    }

    @Test
    void rejectsBadArgumentsWithAMessageTheUsageAndStatusTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(GenerateHours.run(new String[] {"--hours", "3"}, out, errors)).isEqualTo(2);
        assertThat(GenerateHours.run(new String[] {"--out", "x", "--hours", "many"}, out, errors))
                .isEqualTo(2);
        assertThat(
                        GenerateHours.run(
                                new String[] {"--out", "x", "--start", "2025-13-01T00"},
                                out,
                                errors))
                .isEqualTo(2);
        assertThat(GenerateHours.run(new String[] {"--out", "x", "--colour", "red"}, out, errors))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "--out DIR is required",
                        "--hours must be",
                        "--start must be",
                        "unknown option --colour",
                        "Usage:");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream errors =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(
                        GenerateHours.run(
                                new String[] {"--help"},
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                errors))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:", "--events-per-hour");
    }
}
