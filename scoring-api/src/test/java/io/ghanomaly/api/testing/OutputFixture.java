package io.ghanomaly.api.testing;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes Parquet in the job's layout and schema (features/, late-events/, dead-letters/ under
 * {@code dt=YYYY-MM-DD/hour=H}), under a hidden in-progress name first and renamed on "commit", as
 * Flink's FileSink does.
 */
public final class OutputFixture {
    private OutputFixture() {}

    public static String partition(Instant hour) {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        return "dt=" + t.toLocalDate() + "/hour=" + t.getHour();
    }

    /**
     * Writes the rows as one committed features file of their hour, as the job wrote them before
     * the severity column; returns it.
     */
    public static Path features(Path root, Instant hour, String name, List<FixtureRow> rows)
            throws IOException, SQLException {
        return features(root, hour, name, rows, false);
    }

    /**
     * The same, with the severity column when asked: critical from a score of 0.9, else anomalous
     * or normal as flagged.
     */
    public static Path features(
            Path root, Instant hour, String name, List<FixtureRow> rows, boolean withSeverity)
            throws IOException, SQLException {
        Path inProgress = inProgress(root, "features", hour, name);
        List<String> tuples = new ArrayList<>();
        for (FixtureRow r : rows) {
            List<String> v = new ArrayList<>();
            v.add(text(r.login()));
            v.add(r.id() + "::BIGINT");
            v.add(r.hour().toEpochMilli() + "::BIGINT");
            v.add(Feature.VERSION + "::INTEGER");
            for (Feature f : Feature.values()) {
                double x = r.value(f);
                v.add(
                        switch (f.kind()) {
                            case COUNT -> (long) x + "::BIGINT";
                            case RATIO, RATE -> x + "::DOUBLE";
                            case FLAG -> (int) x + "::INTEGER";
                        });
            }
            v.add(r.modelVersion() == null ? "NULL::VARCHAR" : text(r.modelVersion()));
            v.add(r.score() == null ? "NULL::DOUBLE" : r.score() + "::DOUBLE");
            v.add(r.anomalous() == null ? "NULL::BOOLEAN" : r.anomalous() + "::BOOLEAN");
            v.add(
                    "["
                            + r.topFeatures().stream()
                                    .map(OutputFixture::text)
                                    .collect(Collectors.joining(", "))
                            + "]::VARCHAR[]");
            if (withSeverity) {
                v.add(
                        r.score() == null
                                ? "NULL::VARCHAR"
                                : text(
                                        r.score() >= 0.9
                                                ? "critical"
                                                : r.anomalous() ? "anomalous" : "normal"));
            }
            tuples.add("(" + String.join(", ", v) + ")");
        }
        List<String> columns = new ArrayList<>();
        columns.add(FeatureColumns.ACTOR_LOGIN);
        columns.add(FeatureColumns.ACTOR_ID);
        columns.add(FeatureColumns.HOUR_START_MS);
        columns.add(FeatureColumns.FEATURE_VERSION);
        for (Feature f : Feature.values()) {
            columns.add(f.columnName());
        }
        columns.add(FeatureColumns.MODEL_VERSION);
        columns.add(FeatureColumns.SCORE);
        columns.add(FeatureColumns.IS_ANOMALY);
        columns.add(FeatureColumns.TOP_FEATURES);
        if (withSeverity) {
            columns.add(FeatureColumns.SEVERITY);
        }
        copy(
                "SELECT * FROM (VALUES "
                        + String.join(", ", tuples)
                        + ") t("
                        + String.join(", ", columns)
                        + ")",
                inProgress);
        return commit(inProgress, name);
    }

    /** {@code n} late events of the hour, as one committed file. */
    public static Path lateEvents(Path root, Instant hour, String name, int n)
            throws IOException, SQLException {
        Path inProgress = inProgress(root, "late-events", hour, name);
        copy(
                "SELECT i::BIGINT + "
                        + hour.toEpochMilli()
                        + " AS created_at_ms, "
                        + hour.toEpochMilli()
                        + "::BIGINT AS hour_start_ms, 'PushEvent' AS type, i::BIGINT AS actor_id,"
                        + " 'late' || i AS actor_login, NULL::VARCHAR AS repo_name, NULL::VARCHAR"
                        + " AS action, NULL::VARCHAR AS ref_type, 1 AS pushed_commits FROM range("
                        + n
                        + ") r(i)",
                inProgress);
        return commit(inProgress, name);
    }

    /** {@code n} dead letters of the hour (reason malformed_json), as one committed file. */
    public static Path deadLetters(Path root, Instant hour, String name, int n)
            throws IOException, SQLException {
        Path dir =
                root.resolve("dead-letters")
                        .resolve(partition(hour))
                        .resolve("reason=malformed_json");
        Files.createDirectories(dir);
        Path inProgress = dir.resolve("." + name + ".inprogress.0");
        copy(
                "SELECT 'x.json.gz' AS source_file, i::BIGINT AS line_number, 'malformed_json' AS"
                        + " reason, 'bad' AS detail, '{' AS raw_line FROM range("
                        + n
                        + ") r(i)",
                inProgress);
        return commit(inProgress, name);
    }

    private static Path inProgress(Path root, String output, Instant hour, String name)
            throws IOException {
        Path dir = root.resolve(output).resolve(partition(hour));
        Files.createDirectories(dir);
        return dir.resolve("." + name + ".inprogress." + Long.toHexString(System.nanoTime()));
    }

    /** Renames an in-progress file to its committed name, in one step. */
    public static Path commit(Path inProgress, String name) throws IOException {
        Path committed = inProgress.resolveSibling(name);
        Files.move(inProgress, committed, StandardCopyOption.ATOMIC_MOVE);
        return committed;
    }

    private static void copy(String select, Path to) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY ("
                            + select
                            + ") TO '"
                            + to.toString().replace("'", "''")
                            + "' (FORMAT parquet)");
        }
    }

    private static String text(String s) {
        return "'" + s.replace("'", "''") + "'::VARCHAR";
    }
}
