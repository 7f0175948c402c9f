package io.ghanomaly.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthLabelTest {
    private static final Instant HOUR = Instant.parse("2025-01-01T15:00:00Z");

    @Test
    void labelsRoundTripThroughCsv(@TempDir Path folder) throws IOException {
        List<GroundTruthLabel> labels =
                List.of(
                        new GroundTruthLabel("ann", HOUR, PlantedBehaviour.PUSH_BURST),
                        new GroundTruthLabel("bob-2", HOUR, PlantedBehaviour.STAR_FORK_RING),
                        new GroundTruthLabel(
                                "spree-bot[bot]",
                                HOUR.plusSeconds(3600),
                                PlantedBehaviour.REPO_CREATION_SPREE));
        Path csv = folder.resolve("labels.csv");

        GroundTruthLabel.writeCsv(labels, csv);

        assertThat(Files.readAllLines(csv))
                .startsWith("actor,hour,behaviour", "ann,2025-01-01T15:00:00Z,PUSH_BURST");
        assertThat(GroundTruthLabel.readCsv(csv)).isEqualTo(labels);
    }

    @Test
    void readingAMalformedLineNamesTheLineAndTheProblem(@TempDir Path folder) throws IOException {
        Path csv = folder.resolve("labels.csv");
        Files.writeString(
                csv,
                "actor,hour,behaviour\nann,2025-01-01T15:00:00Z,PR_SPAM\nbob,yesterday,PR_SPAM\n");

        assertThatThrownBy(() -> GroundTruthLabel.readCsv(csv))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("ISO instant");
    }

    @Test
    void readingAnUnknownBehaviourOrAMissingHeaderFails(@TempDir Path folder) throws IOException {
        Path unknown = folder.resolve("unknown.csv");
        Files.writeString(unknown, "actor,hour,behaviour\nann,2025-01-01T15:00:00Z,SPAM\n");
        Path headless = folder.resolve("headless.csv");
        Files.writeString(headless, "ann,2025-01-01T15:00:00Z,PR_SPAM\n");

        assertThatThrownBy(() -> GroundTruthLabel.readCsv(unknown))
                .hasMessageContaining("line 2")
                .hasMessageContaining("unknown behaviour 'SPAM'");
        assertThatThrownBy(() -> GroundTruthLabel.readCsv(headless))
                .hasMessageContaining("line 1")
                .hasMessageContaining("header");
    }

    @Test
    void rejectsAnHourThatIsNotAWholeHour() {
        assertThatThrownBy(
                        () ->
                                new GroundTruthLabel(
                                        "ann", HOUR.plusSeconds(1), PlantedBehaviour.PR_SPAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start of a UTC hour");
    }
}
