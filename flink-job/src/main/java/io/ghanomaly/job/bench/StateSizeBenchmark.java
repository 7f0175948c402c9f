package io.ghanomaly.job.bench;

import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.job.features.ActorHourAggregator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The state an hour keeps in flight: every actor of an hour holds one window accumulator until the
 * hour's file has ended, so an hour's state peaks at its last event. For each hour file, folds its
 * events per actor with the job's own aggregator and serializes each accumulator with the
 * serializer the window state uses, and its key (login) and namespace (window) as RocksDB stores
 * them. Prints bytes per actor-hour (mean, p50, p99, max) and the hour's total: what a checkpoint
 * holds of the windows, and what RocksDB keeps (before its own per-entry overhead and compression).
 * The heap backend holds the objects themselves, larger than their bytes.
 */
public final class StateSizeBenchmark {
    private StateSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("Usage: StateSizeBenchmark PATH... (hour files or directories)");
            return;
        }
        List<Path> files = hourFiles(args);
        TypeSerializer<ActorHourAccumulator> values =
                TypeInformation.of(ActorHourAccumulator.class)
                        .createSerializer(new SerializerConfigImpl());
        TypeSerializer<TimeWindow> windows = new TimeWindow.Serializer();
        System.out.printf(
                "%-28s %9s %9s %9s %9s %9s %9s %12s%n",
                "hour file", "events", "actors", "mean B", "p50 B", "p99 B", "max B", "hour MB");
        for (Path file : files) {
            report(file, values, windows);
        }
        System.out.println(
                "(B: serialized bytes per actor-hour in flight, value + key + window, as RocksDB"
                        + " stores them and checkpoints hold them)");
    }

    /** The hour files of these paths: a file as given, a directory's hours by name. */
    static List<Path> hourFiles(String... paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String a : paths) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> ArchiveHour.ofFileName(f.getFileName().toString()).isPresent())
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static void report(
            Path file, TypeSerializer<ActorHourAccumulator> values, TypeSerializer<TimeWindow> w)
            throws IOException {
        ActorHourAggregator aggregator = new ActorHourAggregator();
        Map<String, ActorHourAccumulator> byActor = new HashMap<>();
        long events = 0;
        try (ArchiveFileReader reader = ArchiveFileReader.open(file)) {
            for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                if (r.kind == ArchiveRecord.Kind.EVENT) {
                    events++;
                    ActorHourAccumulator acc =
                            byActor.computeIfAbsent(
                                    r.event.actorLogin(), a -> aggregator.createAccumulator());
                    aggregator.add(r.event, acc);
                }
            }
        }
        long[] sizes = new long[byActor.size()];
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        TimeWindow window = new TimeWindow(0, 3_600_000L);
        int i = 0;
        long total = 0;
        for (Map.Entry<String, ActorHourAccumulator> e : byActor.entrySet()) {
            out.clear();
            StringSerializer.INSTANCE.serialize(e.getKey(), out);
            w.serialize(window, out);
            values.serialize(e.getValue(), out);
            sizes[i++] = out.length();
            total += out.length();
        }
        Arrays.sort(sizes);
        int n = sizes.length;
        System.out.printf(
                "%-28s %,9d %,9d %,9.0f %,9d %,9d %,9d %,12.1f%n",
                file.getFileName(),
                events,
                n,
                n == 0 ? 0 : (double) total / n,
                n == 0 ? 0 : sizes[n / 2],
                n == 0 ? 0 : sizes[Math.min(n - 1, (int) (n * 0.99))],
                n == 0 ? 0 : sizes[n - 1],
                total / 1e6);
    }
}
