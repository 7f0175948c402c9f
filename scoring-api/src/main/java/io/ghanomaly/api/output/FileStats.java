package io.ghanomaly.api.output;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Totals of one committed file, computed once: committed files never change.
 *
 * @param rows its rows
 * @param events the sum of event_count (features files only)
 * @param scored rows with a score (features files only)
 * @param anomalies rows flagged anomalous (features files only)
 * @param modelVersions the versions that scored its rows (features files only)
 */
public record FileStats(
        long rows, long events, long scored, long anomalies, List<String> modelVersions) {
    public static final FileStats EMPTY = new FileStats(0, 0, 0, 0, List.of());

    public FileStats {
        modelVersions = List.copyOf(modelVersions);
    }

    public static FileStats rowsOnly(long rows) {
        return new FileStats(rows, 0, 0, 0, List.of());
    }

    public FileStats plus(FileStats o) {
        Set<String> versions = new TreeSet<>(modelVersions);
        versions.addAll(o.modelVersions);
        return new FileStats(
                rows + o.rows,
                events + o.events,
                scored + o.scored,
                anomalies + o.anomalies,
                List.copyOf(versions));
    }
}
