package io.ghanomaly.trainer;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.event.MalformedEventException;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.Feature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
        RawHours rawHours = new RawHours(sink);
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

    private static List<Unit> rawHours(Path dir) throws IOException {
        List<Unit> units = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                Optional<Instant> hour = ArchiveHour.ofFileName(name).map(ArchiveHour::start);
                if (hour.isPresent() && !name.startsWith(".") && name.endsWith(".json.gz")) {
                    units.add(new Unit(p, hour.get()));
                }
            }
        }
        units.sort(Comparator.comparing(Unit::hour));
        return units;
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
     * Raw hours through the core parser and accumulator, with the job's semantics: an hour is
     * complete when the file in which it was the busiest hour ends; events of a completed hour that
     * come later are late and left out (the job writes them to its late output).
     */
    private static final class RawHours {
        private final Consumer<ActorHour> sink;
        private final GhEventParser parser = new GhEventParser();
        private final Map<String, ActorHourAccumulator> open = new HashMap<>();
        private long completedUpTo = Long.MIN_VALUE; // start of the last complete hour

        RawHours(Consumer<ActorHour> sink) {
            this.sink = sink;
        }

        /** Reads one file; returns the actor-hours it completed (all that are left if last). */
        long read(Path file, boolean last) throws IOException {
            Map<Long, Long> eventsPerHour = new HashMap<>();
            try (BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    GhEvent e;
                    try {
                        e = parser.parse(line);
                    } catch (MalformedEventException bad) {
                        continue; // the job dead-letters these; a model does not need them
                    }
                    long hour = ArchiveHour.startOf(e.createdAtMillis());
                    eventsPerHour.merge(hour, 1L, Long::sum);
                    if (hour > completedUpTo) {
                        open.computeIfAbsent(
                                        e.actorLogin() + '\n' + hour,
                                        k -> new ActorHourAccumulator())
                                .add(e);
                    }
                }
            }
            long busiest =
                    eventsPerHour.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse(Long.MIN_VALUE);
            completedUpTo = Math.max(completedUpTo, last ? Long.MAX_VALUE : busiest);
            long emitted = 0;
            var it = open.entrySet().iterator();
            while (it.hasNext()) {
                var entry = it.next();
                long hour =
                        Long.parseLong(entry.getKey().substring(entry.getKey().indexOf('\n') + 1));
                if (hour <= completedUpTo) {
                    ActorHourAccumulator acc = entry.getValue();
                    sink.accept(new ActorHour(acc.actorLogin, hour, acc.toFeatures(hour).values()));
                    it.remove();
                    emitted++;
                }
            }
            return emitted;
        }
    }
}
