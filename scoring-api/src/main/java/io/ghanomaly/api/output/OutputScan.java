package io.ghanomaly.api.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Lists the committed Parquet files of the job's output root by hour. Only {@code *.parquet} files
 * whose name and folders do not start with a dot or an underscore count: Flink writes a file as a
 * hidden {@code .part-*.inprogress.*} and renames it on commit, and its checkpoints live in {@code
 * _checkpoints}. A file's hour is the {@code dt=YYYY-MM-DD/hour=H} of its folders, which the job
 * names by the event hour; files outside such folders ({@code dt=unknown}) belong to no hour.
 */
public final class OutputScan {
    public static final String FEATURES = "features";
    public static final String LATE_EVENTS = "late-events";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String DRIFT = "drift";
    public static final String ALERTS = "alerts";
    public static final String CAMPAIGNS = "campaigns";

    private OutputScan() {}

    /** Every hour with a committed file in any output, oldest first. */
    public static NavigableMap<Instant, HourFiles> scan(Path root) {
        NavigableMap<Instant, List<CommittedFile>> features = committed(root.resolve(FEATURES));
        NavigableMap<Instant, List<CommittedFile>> late = committed(root.resolve(LATE_EVENTS));
        NavigableMap<Instant, List<CommittedFile>> dead = committed(root.resolve(DEAD_LETTERS));
        NavigableMap<Instant, List<CommittedFile>> drift = committed(root.resolve(DRIFT));
        NavigableMap<Instant, List<CommittedFile>> alerts = committed(root.resolve(ALERTS));
        NavigableMap<Instant, List<CommittedFile>> campaigns = committed(root.resolve(CAMPAIGNS));
        TreeMap<Instant, HourFiles> hours = new TreeMap<>();
        for (var all : List.of(features, late, dead, drift, alerts, campaigns)) {
            for (Instant hour : all.keySet()) {
                hours.computeIfAbsent(
                        hour,
                        h ->
                                new HourFiles(
                                        h,
                                        features.getOrDefault(h, List.of()),
                                        late.getOrDefault(h, List.of()),
                                        dead.getOrDefault(h, List.of()),
                                        drift.getOrDefault(h, List.of()),
                                        alerts.getOrDefault(h, List.of()),
                                        campaigns.getOrDefault(h, List.of())));
            }
        }
        return hours;
    }

    /** The committed files under one output, by hour. */
    static NavigableMap<Instant, List<CommittedFile>> committed(Path dir) {
        NavigableMap<Instant, List<CommittedFile>> byHour = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return byHour;
        }
        try {
            Files.walkFileTree(
                    dir,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(
                                Path d, BasicFileAttributes attrs) {
                            return d.equals(dir) || !hidden(d)
                                    ? FileVisitResult.CONTINUE
                                    : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            String name = f.getFileName().toString();
                            if (attrs.isRegularFile() && !hidden(f) && name.endsWith(".parquet")) {
                                Instant hour = hourOf(dir.relativize(f));
                                if (hour != null) {
                                    byHour.computeIfAbsent(hour, h -> new ArrayList<>())
                                            .add(
                                                    new CommittedFile(
                                                            f,
                                                            hour,
                                                            attrs.size(),
                                                            attrs.lastModifiedTime().toMillis()));
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE; // renamed while we looked
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return byHour;
    }

    private static boolean hidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }

    /** The hour of {@code dt=YYYY-MM-DD/hour=H/...}, or null when the folders do not say one. */
    static Instant hourOf(Path relative) {
        LocalDate day = null;
        int hour = -1;
        for (Path part : relative) {
            String s = part.toString();
            try {
                if (s.startsWith("dt=")) {
                    day = LocalDate.parse(s.substring(3));
                } else if (s.startsWith("hour=")) {
                    hour = Integer.parseInt(s.substring(5));
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                return null;
            }
        }
        if (day == null || hour < 0 || hour > 23) {
            return null;
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hour);
    }
}
