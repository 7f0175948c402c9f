package io.ghanomaly.trainer;

import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.archive.HourCompletion;
import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.LowActivity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Actor-hours to train on, streamed one at a time so a long history is never loaded whole: the
 * job's Parquet output ({@code features/dt=YYYY-MM-DD/hour=H/*.parquet}), or raw archive hours
 * turned into features by the same core code the job uses.
 */
public final class FeatureHistory {
    private static final Pattern PARTITION =
            Pattern.compile("dt=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{1,2})$");

    /** One actor-hour: who, which hour, and the full feature vector in {@link Feature} order. */
    @SuppressWarnings("ArrayRecordComponent") // a feature vector
    public record ActorHour(String actor, long hourStartMillis, double[] features) {}

    /** A unit of history (a partition or a raw file) and the hour it holds. */
    private record Unit(Path path, Instant hour) {}

    private final List<Unit> units;
    private final boolean raw;
    private final PrintStream progress;

    private FeatureHistory(List<Unit> units, boolean raw, PrintStream progress) {
        this.units = units;
        this.raw = raw;
        this.progress = progress;
    }

    /** History in [from, to); with no window, the last 7 days present. */
    public static FeatureHistory open(TrainerConfig c, PrintStream progress) throws IOException {
        boolean raw = c.raw() != null;
        Path dir = raw ? c.raw() : c.features();
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    (raw ? "--raw " : "--features ")
                            + dir
                            + (Files.exists(dir) ? " is a file" : " does not exist")
                            + "; give a directory of "
                            + (raw ? "hourly YYYY-MM-DD-H.json.gz files" : "the job's output"));
        }
        List<Unit> all = raw ? rawHours(c.raw()) : partitions(c.features());
        if (all.isEmpty()) {
            throw new IOException(
                    "no history in "
                            + (raw
                                    ? c.raw() + " (no YYYY-MM-DD-H.json.gz files)"
                                    : c.features() + " (no dt=YYYY-MM-DD/hour=H partitions)"));
        }
        Instant newest = all.get(all.size() - 1).hour();
        Instant to = c.to() != null ? c.to() : newest.plusSeconds(3600);
        Instant from = c.from() != null ? c.from() : to.minusSeconds(7 * 24 * 3600);
        List<Unit> chosen =
                all.stream()
                        .filter(u -> !u.hour().isBefore(from) && u.hour().isBefore(to))
                        .toList();
        if (chosen.isEmpty()) {
            throw new IOException("no history between " + from + " and " + to);
        }
        return new FeatureHistory(chosen, raw, progress);
    }

    public Instant firstHour() {
        return units.get(0).hour();
    }

    /** The hour after the last one. */
    public Instant endHour() {
        return units.get(units.size() - 1).hour().plusSeconds(3600);
    }

    public List<Instant> hours() {
        return units.stream().map(Unit::hour).distinct().toList();
    }

    /** Streams every actor-hour of the window, with a progress line per unit. */
    public void forEach(Consumer<ActorHour> sink) throws IOException {
        long rows = 0;
        long start = System.nanoTime();
        RawHours rawHours = new RawHours(sink, progress);
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            boolean last = i == units.size() - 1;
            long n = raw ? rawHours.read(u.path(), last) : readPartition(u.path(), sink);
            rows += n;
            progress.printf(
                    "  [%d/%d] %s: %,d actor-hours (%,d so far, %.0f s)%n",
                    i + 1, units.size(), u.hour(), n, rows, (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<Unit> partitions(Path root) throws IOException {
        Path dir = Files.isDirectory(root.resolve("features")) ? root.resolve("features") : root;
        List<Unit> units = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Matcher m = PARTITION.matcher(dir.relativize(p).toString());
                if (m.find()) {
                    Instant hour =
                            LocalDate.parse(m.group(1))
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                                    .plusSeconds(3600L * Integer.parseInt(m.group(2)));
                    units.add(new Unit(p, hour));
                }
            }
        }
        units.sort(Comparator.comparing(Unit::hour));
        return units;
    }

    /** Raw files in the job's order: the UTC hour they hold, then their path. */
    private static List<Unit> rawHours(Path dir) throws IOException {
        record RawFile(ArchiveHour hour, Path path) {}
        List<RawFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("_") || !name.endsWith(".json.gz")) {
                    continue;
                }
                Optional<ArchiveHour> hour = ArchiveHour.ofFileName(name);
                if (hour.isPresent()) {
                    files.add(new RawFile(hour.get(), p));
                } else {
                    System.err.println("warning: " + ArchiveHour.whyNotAnArchiveName(name));
                }
            }
        }
        files.sort(
                Comparator.comparing(RawFile::hour, ArchiveHour.READ_ORDER)
                        .thenComparing(f -> f.path().toString()));
        return files.stream().map(f -> new Unit(f.path(), f.hour().start())).toList();
    }

    private static long readPartition(Path partition, Consumer<ActorHour> sink) throws IOException {
        long n = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(partition)) {
            files =
                    s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader =
                    AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                            .withConf(new PlainParquetConfiguration())
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    sink.accept(FeatureRecords.actorHour(r, file));
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Raw hours through the core archive reader and accumulator, with the job's semantics ({@link
     * HourCompletion}): files in {@link ArchiveHour#READ_ORDER}; an hour is complete when the last
     * file that holds it ends; events of a complete hour, and every event of a file whose hour was
     * already complete, are late and left out (the job writes them to its late output); bad lines
     * are left out (the job dead-letters them) and counted.
     */
    private static final class RawHours {
        private final Consumer<ActorHour> sink;
        private final PrintStream progress;
        private final Map<String, ActorHourAccumulator> open = new HashMap<>();
        private final HourCompletion completion = new HourCompletion();
        private final LowActivity.Recency recency = new LowActivity.Recency();

        RawHours(Consumer<ActorHour> sink, PrintStream progress) {
            this.sink = sink;
            this.progress = progress;
        }

        /** Reads one file; returns the actor-hours it completed (all that are left if last). */
        long read(Path file, boolean last) throws IOException {
            long late = 0;
            Map<DeadLetterReason, Long> bad = new EnumMap<>(DeadLetterReason.class);
            boolean lateFile = false;
            try (ArchiveFileReader reader = ArchiveFileReader.open(file)) {
                for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                    switch (r.kind) {
                        case START_OF_FILE -> lateFile = completion.isLateFile(r);
                        case EVENT -> {
                            long at = r.event.createdAtMillis();
                            if (lateFile || completion.isLate(at)) {
                                late++;
                            } else {
                                long hour = ArchiveHour.startOf(at);
                                open.computeIfAbsent(
                                                r.event.actorLogin() + '\n' + hour,
                                                k -> new ActorHourAccumulator())
                                        .add(r.event);
                            }
                        }
                        case DEAD_LETTER -> bad.merge(r.deadLetter.reason(), 1L, Long::sum);
                        case END_OF_FILE -> completion.fileEnded(r);
                    }
                }
            }
            if (late > 0 || !bad.isEmpty()) {
                progress.printf(
                        "  %s: left out %,d late events%s%n",
                        file.getFileName(), late, bad.isEmpty() ? "" : " and bad lines " + bad);
            }
            List<ActorHour> completed = new ArrayList<>();
            var it = open.entrySet().iterator();
            while (it.hasNext()) {
                var entry = it.next();
                long hour =
                        Long.parseLong(entry.getKey().substring(entry.getKey().indexOf('\n') + 1));
                if (last || completion.isLate(hour)) {
                    ActorHourAccumulator acc = entry.getValue();
                    completed.add(
                            new ActorHour(acc.actorLogin, hour, acc.toFeatures(hour).values()));
                    it.remove();
                }
            }
            // Hour by hour, as the job's history sees them: a file can complete several hours.
            completed.sort(Comparator.comparingLong(ActorHour::hourStartMillis));
            for (ActorHour a : completed) {
                sink.accept(
                        new ActorHour(
                                a.actor(),
                                a.hourStartMillis(),
                                recency.apply(a.actor(), a.hourStartMillis(), a.features())));
            }
            return completed.size();
        }
    }
}
