package io.ghanomaly.api;

import io.ghanomaly.api.output.DuckDbPool;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.api.output.OutputQueries;
import io.ghanomaly.api.output.StoredRow;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints the highest-scoring anomalies of a job's output, over all its hours: what {@code
 * ./gh-anomaly run} shows when a bounded run ends. Reads the committed Parquet as the API does.
 */
public final class TopAnomalies {
    private TopAnomalies() {}

    public static void main(String[] args) throws SQLException {
        Path output = null;
        int limit = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--output" -> output = Path.of(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: TopAnomalies --output DIR [--limit N]");
                    System.exit(2);
                }
            }
        }
        if (output == null || !Files.isDirectory(output)) {
            System.err.println("usage: TopAnomalies --output DIR [--limit N]");
            System.exit(2);
            return;
        }
        try (DuckDbPool pool = new DuckDbPool(1, ApiConfig.DEFAULT_QUERY_MEMORY, 2)) {
            JobOutput job = new JobOutput(output, new OutputQueries(pool));
            job.refresh();
            List<StoredRow> top =
                    job.queries()
                            .anomalies(
                                    job.featuresOfLast(Duration.ofDays(100_000)),
                                    ModelBundle.Population.EVERYONE,
                                    0,
                                    limit);
            if (top.isEmpty()) {
                System.out.println(
                        "No anomalies flagged (unscored rows, or none above threshold).");
                return;
            }
            System.out.printf("Top %d anomalies of %s:%n", top.size(), output);
            System.out.printf("  %-17s %-28s %5s  %s%n", "hour (UTC)", "actor", "score", "why");
            for (StoredRow r : top) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-17s %-28s %5.3f  %s%n",
                        Instant.ofEpochMilli(r.hourStartMillis()).toString().substring(0, 16),
                        r.actorLogin(),
                        r.score(),
                        r.topFeatures().stream()
                                .map(f -> f + "=" + value(r, f))
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    private static String value(StoredRow r, String column) {
        for (Feature f : Feature.values()) {
            if (f.columnName().equals(column)) {
                return String.valueOf(r.value(f));
            }
        }
        return "?";
    }
}
