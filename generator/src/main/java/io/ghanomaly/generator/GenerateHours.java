package io.ghanomaly.generator;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.label.GroundTruthLabel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command line tool that writes generated hours into a folder as GH Archive names them, plus their
 * labels, each file appearing whole (written aside, then renamed) for directory watchers.
 */
public final class GenerateHours {
    private static final String USAGE =
            """
            Usage: GenerateHours --out DIR [options]
              --out DIR              folder to write YYYY-MM-DD-H.json.gz hours and labels.csv to
              --start YYYY-MM-DDTHH  first UTC hour (default 2025-01-01T00)
              --hours N              number of hours (default 4)
              --seed S               random seed (default 42)
              --events-per-hour N    events per hour (default 170000)
              --actors N             active actors per hour (default 60000)
              --rhythm               people's volume follows the UTC clock and the week (most at
                                     15:00, least at 03:00, 0.7 at weekends; bots steady), around
                                     the mean hour the two options above describe
              --shift NAME@HOUR      from that UTC hour on (YYYY-MM-DDTHH), plant a change of
                                     the whole stream, to measure the alerts' detection delay:
                                     bot-storm (bots make 4 times their events), spam-wave (new
                                     accounts, 5% of the active people, open issues and comment),
                                     push-commits-dropped (PushEvents without size or commits, as
                                     the archive since October 2025); repeatable
              --help                 show this help
            """;

    private static final int BAD_ARGUMENTS = 2;
    private static final int FAILED = 1;

    private GenerateHours() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the tool as {@link #main} does; returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path outDir = null;
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        int hours = 4;
        GeneratorConfig config = GeneratorConfig.defaults();
        boolean rhythm = false;
        Map<Shift, Instant> shifts = new EnumMap<>(Shift.class);
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    out.print(USAGE);
                    return 0;
                }
                if (option.equals("--rhythm")) {
                    rhythm = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            option.startsWith("--")
                                    ? option + " needs a value"
                                    : "unexpected argument " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--out" -> outDir = Path.of(value);
                    case "--start" -> start = parseHour(option, value);
                    case "--shift" -> {
                        int at = value.indexOf('@');
                        if (at < 0) {
                            throw new IllegalArgumentException(
                                    "--shift needs NAME@YYYY-MM-DDTHH, was " + value);
                        }
                        shifts.put(
                                Shift.ofLabel(value.substring(0, at)),
                                parseHour(option, value.substring(at + 1)));
                    }
                    case "--hours" -> hours = parsePositive(option, value);
                    case "--seed" -> config = config.withSeed(parseLong(option, value));
                    case "--events-per-hour" ->
                            config = config.withEventsPerHour(parsePositive(option, value));
                    case "--actors" ->
                            config = config.withActiveActorsPerHour(parsePositive(option, value));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (outDir == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("GenerateHours: " + e.getMessage());
            err.print(USAGE);
            return BAD_ARGUMENTS;
        }
        try {
            generate(outDir, start, hours, config, rhythm, shifts, err);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("GenerateHours: " + e.getMessage());
            err.print(USAGE);
            return BAD_ARGUMENTS;
        } catch (IOException e) {
            err.println("GenerateHours: failed: " + e);
            return FAILED;
        }
    }

    /**
     * Writes {@code hours} consecutive hours from {@code start} into {@code outDir}, each as {@code
     * YYYY-MM-DD-H.json.gz}, and all their labels as {@code labels.csv}, replacing files of the
     * same names; reports each hour to {@code progress}.
     *
     * @return the path of the labels file
     */
    public static Path generate(
            Path outDir, Instant start, int hours, GeneratorConfig config, PrintStream progress)
            throws IOException {
        return generate(outDir, start, hours, config, false, progress);
    }

    /**
     * As above; with {@code rhythm}, each hour's volume and mix follow {@link Rhythm} around the
     * config's mean hour.
     */
    public static Path generate(
            Path outDir,
            Instant start,
            int hours,
            GeneratorConfig config,
            boolean rhythm,
            PrintStream progress)
            throws IOException {
        return generate(outDir, start, hours, config, rhythm, Map.of(), progress);
    }

    /** As above, with each {@link Shift} from its hour on. */
    public static Path generate(
            Path outDir,
            Instant start,
            int hours,
            GeneratorConfig config,
            boolean rhythm,
            Map<Shift, Instant> shifts,
            PrintStream progress)
            throws IOException {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1, was " + hours);
        }
        Files.createDirectories(outDir);
        long began = System.nanoTime();
        HourGenerator generator = new HourGenerator(config);
        List<GroundTruthLabel> labels = new ArrayList<>();
        long totalEvents = 0;
        long totalBytes = 0;
        for (int h = 0; h < hours; h++) {
            Instant hour = start.plusSeconds(3600L * h);
            long hourBegan = System.nanoTime();
            Set<Shift> active = Shift.activeAt(shifts, hour);
            Path file = outDir.resolve(hourFileName(hour));
            Path partial = outDir.resolve("." + file.getFileName() + ".inprogress");
            HourGenerator.WrittenHour written;
            try (OutputStream target =
                    new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                written =
                        generator.write(
                                hour, target, rhythm ? Rhythm.of(config, hour) : config, active);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            long bytes = Files.size(partial);
            moveIntoPlace(partial, file);
            labels.addAll(written.labels());
            totalEvents += written.events();
            totalBytes += bytes;
            progress.printf(
                    Locale.ROOT,
                    "%s: %,d events, %.1f MB, %.1f s%s%n",
                    file.getFileName(),
                    written.events(),
                    bytes / 1e6,
                    (System.nanoTime() - hourBegan) / 1e9,
                    active.isEmpty()
                            ? ""
                            : ", " + String.join(", ", active.stream().map(Shift::label).toList()));
        }
        Path labelsFile = outDir.resolve("labels.csv");
        Path partialLabels = outDir.resolve(".labels.csv.inprogress");
        try {
            GroundTruthLabel.writeCsv(labels, partialLabels);
        } catch (IOException e) {
            Files.deleteIfExists(partialLabels);
            throw e;
        }
        moveIntoPlace(partialLabels, labelsFile);
        progress.printf(
                Locale.ROOT,
                "wrote %d hours, %,d events (%.1f MB) and %d labels to %s in %.1f s%n",
                hours,
                totalEvents,
                totalBytes / 1e6,
                labels.size(),
                outDir,
                (System.nanoTime() - began) / 1e9);
        return labelsFile;
    }

    /**
     * The archive's file name of an hour: the hour is not zero-padded, e.g. 2025-01-01-0.json.gz.
     */
    public static String hourFileName(Instant hour) {
        return ArchiveHour.fileName(hour);
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(
                    partial,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(partial);
            throw new IOException("cannot rename atomically within " + target.getParent(), e);
        }
    }

    private static Instant parseHour(String option, String value) {
        String text = value.length() == 13 ? value + ":00:00Z" : value;
        try {
            Instant hour = Instant.parse(text);
            if (hour.getEpochSecond() % 3600 != 0) {
                throw new IllegalArgumentException(
                        option + " must be a whole UTC hour, was " + value);
            }
            return hour;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + " must be a UTC hour like 2025-01-01T15, was " + value, e);
        }
    }

    private static int parsePositive(String option, String value) {
        long parsed = parseLong(option, value);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    option + " must be a positive whole number, was " + value);
        }
        return (int) parsed;
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was " + value, e);
        }
    }
}
