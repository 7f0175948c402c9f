package io.ghanomaly.trainer;

import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.LowActivity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Archive files read whole into memory, for evaluation: each file's good events and the hour they
 * belong to (the hour most of its events fall in, since a file can hold a few events of the hour
 * before). Bad lines are counted and left out, as the job dead-letters them.
 *
 * @param file the file
 * @param hourStartMillis the start of its hour
 * @param events its parsed events
 * @param badLines lines the reader could not turn into an event
 */
record RealHours(Path file, long hourStartMillis, List<GhEvent> events, long badLines) {

    static RealHours read(Path file) throws IOException {
        List<GhEvent> events = new ArrayList<>();
        Map<Long, Integer> perHour = new HashMap<>();
        long bad = 0;
        try (ArchiveFileReader reader = ArchiveFileReader.open(file)) {
            for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                switch (r.kind) {
                    case EVENT -> {
                        events.add(r.event);
                        perHour.merge(
                                ArchiveHour.startOf(r.event.createdAtMillis()), 1, Integer::sum);
                    }
                    case DEAD_LETTER -> bad++;
                    default -> {}
                }
            }
        }
        if (events.isEmpty()) {
            throw new IOException(file + " holds no event (" + bad + " bad lines)");
        }
        long hour =
                perHour.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
        return new RealHours(file, hour, events, bad);
    }

    /** Reads every file, ordered by their hours. */
    static List<RealHours> readAll(List<Path> files) throws IOException {
        List<RealHours> hours = new ArrayList<>();
        for (Path f : files) {
            hours.add(read(f));
        }
        hours.sort(Comparator.comparingLong(RealHours::hourStartMillis));
        return hours;
    }

    /**
     * Each actor's features for this hour, keyed by login, in order of first appearance, with the
     * actors' history in {@code recency} (this hour must come after the hours it has seen).
     */
    Map<String, double[]> actorHours(LowActivity.Recency recency) {
        Map<String, ActorHourAccumulator> acc = new LinkedHashMap<>();
        for (GhEvent e : events) {
            acc.computeIfAbsent(e.actorLogin(), k -> new ActorHourAccumulator()).add(e);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        acc.forEach(
                (login, a) ->
                        out.put(
                                login,
                                recency.apply(
                                        login,
                                        hourStartMillis,
                                        a.toFeatures(hourStartMillis).values())));
        return out;
    }
}
