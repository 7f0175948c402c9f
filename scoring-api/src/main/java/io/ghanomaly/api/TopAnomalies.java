package io.ghanomaly.api;

import io.ghanomaly.api.output.DuckDbPool;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.api.output.OutputQueries;
import io.ghanomaly.api.output.StoredRow;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the highest-scoring anomalies of a job's output, over all its hours: what {@code
 * ./gh-anomaly run} shows when a bounded run ends. Reads the committed Parquet as the API does.
 */
@Command(
        name = "top-anomalies",
        mixinStandardHelpOptions = true,
        description = "Prints the highest-scoring anomalies of a job's output, over all its hours.")
public final class TopAnomalies implements Callable<Integer> {
    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "the job's output root")
    Path output;

    @Option(names = "--limit", description = "how many (default: 10)")
    int limit = 10;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopAnomalies()).execute(args));
    }

    @Override
    public Integer call() throws SQLException {
        if (!Files.isDirectory(output)) {
            System.err.println("top-anomalies: --output " + output + " is not a directory");
            return CommandLine.ExitCode.USAGE;
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
                return 0;
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
        return 0;
    }

    private static String value(StoredRow r, String column) {
        try {
            Number v = r.value(FeatureSet.byColumn(column));
            // ratios and rates to 3 significant digits: 0.0476, not 0.047619047619047616
            return v instanceof Double d
                    ? String.format(java.util.Locale.ROOT, "%.3g", d)
                    : v.toString();
        } catch (IllegalArgumentException e) {
            return "?"; // a feature of a newer version than this code's
        }
    }
}
