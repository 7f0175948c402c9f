package io.ghanomaly.trainer;

import io.ghanomaly.generator.GenerateHours;
import io.ghanomaly.generator.GeneratorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/** Small generated hours with planted, labelled behaviours, for trainer tests. */
public final class TrainingData {
    private TrainingData() {}

    /** Four hours of 20,000 events and 6,000 actors each, plus labels.csv, into dir. */
    public static Path fourHours(Path dir) throws IOException {
        GeneratorConfig small =
                GeneratorConfig.defaults()
                        .withActiveActorsPerHour(6_000)
                        .withActorPopulation(20_000)
                        .withEventsPerHour(20_000);
        GenerateHours.generate(
                dir,
                Instant.parse("2025-01-01T00:00:00Z"),
                4,
                small,
                new PrintStream(OutputStream.nullOutputStream()));
        return dir;
    }

    public static TrainerConfig config(String... args) {
        return TrainerConfig.parse(args);
    }
}
