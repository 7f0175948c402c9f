package io.ghanomaly.api.output;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.alert.ReportColumns;
import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.campaign.Campaign;
import io.ghanomaly.core.campaign.CampaignColumns;
import io.ghanomaly.core.drift.FeatureDrift;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.Severity;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL the API runs over the job's committed Parquet, through DuckDB, reading only the files it
 * is given (one hour's, or a window's) and only the columns it needs. Column names come from core
 * ({@link FeatureColumns}, {@link Feature#columnName()}), where the job and the trainer take them.
 */
public final class OutputQueries {
    /** Rows of answers kept by default: about 20 MB. */
    public static final int DEFAULT_CACHE_ROWS = 20_000;

    private final DuckDbPool pool;
    private final AnswerCache cache;

    public OutputQueries(DuckDbPool pool) {
        this(pool, DEFAULT_CACHE_ROWS);
    }

    /**
     * @param cacheRows rows of answers kept for queries asked again over the same files
     */
    public OutputQueries(DuckDbPool pool, int cacheRows) {
        this.pool = pool;
        this.cache = new AnswerCache(cacheRows);
    }

    /** Row queries answered from the cache, and those that were not. */
    public long cacheHits() {
        return cache.hits();
    }

    public long cacheMisses() {
        return cache.misses();
    }

    /**
     * Rows flagged anomalous with at least minScore, highest score first; people are rows with
     * is_bot 0, bots with is_bot 1, everyone all of them.
     */
    public List<StoredRow> anomalies(
            List<CommittedFile> files, ModelBundle.Population who, double minScore, int limit)
            throws SQLException {
        return anomalies(files, who, minScore, Severity.ANOMALOUS, limit);
    }

    /**
     * The same, of at least this severity tier: high is high and critical. Files written before the
     * tiers have no severity and answer no row above anomalous.
     */
    public List<StoredRow> anomalies(
            List<CommittedFile> files,
            ModelBundle.Population who,
            double minScore,
            Severity atLeast,
            int limit)
            throws SQLException {
        if (atLeast.compareTo(Severity.ANOMALOUS) > 0
                && !hasColumn(files, FeatureColumns.SEVERITY)) {
            return List.of();
        }
        String tiers =
                atLeast.compareTo(Severity.ANOMALOUS) <= 0
                        ? ""
                        : " AND "
                                + q(FeatureColumns.SEVERITY)
                                + " IN ("
                                + Arrays.stream(Severity.values())
                                        .filter(s -> s.compareTo(atLeast) >= 0)
                                        .map(s -> "'" + s.columnValue() + "'")
                                        .collect(Collectors.joining(", "))
                                + ")";
        String bots =
                switch (who) {
                    case PEOPLE -> " AND " + q(Feature.IS_BOT.columnName()) + " = 0";
                    case BOTS -> " AND " + q(Feature.IS_BOT.columnName()) + " = 1";
                    case EVERYONE -> "";
                };
        return rows(
                files,
                "WHERE "
                        + q(FeatureColumns.IS_ANOMALY)
                        + " AND "
                        + q(FeatureColumns.SCORE)
                        + " >= ?"
                        + bots
                        + tiers
                        + " ORDER BY "
                        + q(FeatureColumns.SCORE)
                        + " DESC, "
                        + q(FeatureColumns.ACTOR_LOGIN)
                        + " LIMIT ?",
                minScore,
                limit);
    }

    /** The most active actors (by event_count), most first. */
    public List<StoredRow> mostActive(List<CommittedFile> files, int limit) throws SQLException {
        return rows(
                files,
                "ORDER BY "
                        + q(Feature.EVENT_COUNT.columnName())
                        + " DESC, "
                        + q(FeatureColumns.ACTOR_LOGIN)
                        + " LIMIT ?",
                limit);
    }

    /** One actor's rows, newest hour first; at most limit. */
    public List<StoredRow> actor(List<CommittedFile> files, String login, int limit)
            throws SQLException {
        return rows(
                files,
                "WHERE "
                        + q(FeatureColumns.ACTOR_LOGIN)
                        + " = ? ORDER BY "
                        + q(FeatureColumns.HOUR_START_MS)
                        + " DESC LIMIT ?",
                login,
                limit);
    }

    /** One hour's drift reports (one per population), features in the job's order. */
    public List<PopulationHour> drift(List<CommittedFile> files) throws SQLException {
        if (files.isEmpty()) {
            return List.of();
        }
        // reports written before the severity tiers have no critical count: 0 there
        String critical =
                hasColumn(files, ReportColumns.CRITICAL) ? q(ReportColumns.CRITICAL) : "0";
        String sql =
                "SELECT "
                        + quoted(
                                ReportColumns.HOUR_START_MS,
                                ReportColumns.POPULATION,
                                ReportColumns.MODEL_VERSION,
                                ReportColumns.ROWS,
                                ReportColumns.SCORED,
                                ReportColumns.ANOMALIES,
                                ReportColumns.EXAMPLE_ACTORS)
                        + ", "
                        + critical
                        + " AS "
                        + q(ReportColumns.CRITICAL)
                        // every field of the element, by name: a report written before a field
                        // existed (usual_statistic) reads it as unknown, not as an error
                        + ", f.*"
                        // a NULL element after the features, so a report with none keeps a row
                        + " FROM (SELECT *, unnest(list_concat("
                        + q(ReportColumns.FEATURES)
                        + ", [NULL])) AS f FROM "
                        + source(files, false)
                        + ") ORDER BY "
                        + q(ReportColumns.POPULATION);
        return pool.query(
                c -> {
                    Map<String, List<FeatureDrift>> features = new LinkedHashMap<>();
                    Map<String, PopulationHour> heads = new LinkedHashMap<>();
                    try (PreparedStatement s = c.prepareStatement(sql);
                            ResultSet rs = s.executeQuery()) {
                        int usualColumn = column(rs, ReportColumns.USUAL);
                        while (rs.next()) {
                            String population = rs.getString(2);
                            if (!heads.containsKey(population)) {
                                heads.put(
                                        population,
                                        new PopulationHour(
                                                population,
                                                rs.getLong(1),
                                                rs.getString(3),
                                                rs.getLong(4),
                                                rs.getLong(5),
                                                rs.getLong(6),
                                                rs.getLong(ReportColumns.CRITICAL),
                                                List.of(),
                                                strings(rs.getArray(7))));
                            }
                            List<FeatureDrift> list =
                                    features.computeIfAbsent(population, p -> new ArrayList<>());
                            if (rs.getString(ReportColumns.FEATURE) == null) {
                                continue; // the end of the report's features, or a report of none
                            }
                            list.add(
                                    new FeatureDrift(
                                            rs.getString(ReportColumns.FEATURE),
                                            rs.getString(ReportColumns.TEST),
                                            rs.getDouble(ReportColumns.STATISTIC),
                                            rs.getDouble(ReportColumns.THRESHOLD),
                                            rs.getBoolean(ReportColumns.DRIFTED),
                                            rs.getDouble(ReportColumns.PSI),
                                            rs.getDouble(ReportColumns.KS),
                                            rs.getDouble(ReportColumns.KS_P_VALUE),
                                            rs.getDouble(ReportColumns.REFERENCE_MEAN),
                                            rs.getDouble(ReportColumns.CURRENT_MEAN),
                                            rs.getLong(5),
                                            optionalDouble(rs, usualColumn)));
                        }
                    }
                    List<PopulationHour> out = new ArrayList<>();
                    heads.forEach(
                            (p, h) ->
                                    out.add(
                                            new PopulationHour(
                                                    h.population(),
                                                    h.hourStartMillis(),
                                                    h.modelVersion(),
                                                    h.rows(),
                                                    h.scored(),
                                                    h.anomalies(),
                                                    h.critical(),
                                                    features.get(p),
                                                    h.topActors())));
                    return out;
                });
    }

    /** Whether any of the files has this column. */
    private boolean hasColumn(List<CommittedFile> files, String column) throws SQLException {
        if (files.isEmpty()) {
            return false;
        }
        return pool.query(
                c -> {
                    try (PreparedStatement s =
                                    c.prepareStatement(
                                            "SELECT * FROM " + source(files, false) + " LIMIT 0");
                            ResultSet rs = s.executeQuery()) {
                        return columns(rs).containsKey(column);
                    }
                });
    }

    /** The column of that label, or 0 when the files are older than it. */
    private static int column(ResultSet rs, String label) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (meta.getColumnLabel(c).equals(label)) {
                return c;
            }
        }
        return 0;
    }

    /** A column that older files may lack (0), or hold null in: NaN then. */
    private static double optionalDouble(ResultSet rs, int column) throws SQLException {
        if (column == 0) {
            return Double.NaN;
        }
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** Alerts in these files, newest hour first, at most limit. */
    public List<Alert> alerts(List<CommittedFile> files, int limit) throws SQLException {
        if (files.isEmpty()) {
            return List.of();
        }
        String sql =
                "SELECT "
                        + quoted(
                                ReportColumns.ID,
                                ReportColumns.RULE,
                                ReportColumns.POPULATION,
                                ReportColumns.HOUR_START_MS,
                                ReportColumns.SUMMARY,
                                ReportColumns.LINK)
                        + ", map_keys("
                        + q(ReportColumns.EVIDENCE)
                        + "), map_values("
                        + q(ReportColumns.EVIDENCE)
                        + ") FROM "
                        + source(files, false)
                        + " ORDER BY "
                        + q(ReportColumns.HOUR_START_MS)
                        + " DESC, "
                        + q(ReportColumns.ID)
                        + " LIMIT ?";
        return pool.query(
                c -> {
                    List<Alert> out = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        s.setInt(1, limit);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                List<String> keys = strings(rs.getArray(7));
                                List<String> values = strings(rs.getArray(8));
                                Map<String, String> evidence = new LinkedHashMap<>();
                                for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                                    evidence.put(keys.get(i), values.get(i));
                                }
                                out.add(
                                        new Alert(
                                                rs.getString(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getLong(4),
                                                rs.getString(5),
                                                evidence,
                                                rs.getString(6)));
                            }
                        }
                    }
                    return out;
                });
    }

    /** The campaign rows of these files, by file: each a campaign's state after an hour. */
    public Map<CommittedFile, List<Campaign>> campaigns(List<CommittedFile> files)
            throws SQLException {
        Map<CommittedFile, List<Campaign>> out = new HashMap<>();
        files.forEach(f -> out.put(f, new ArrayList<>()));
        String sql =
                "SELECT filename, "
                        + quoted(
                                CampaignColumns.ID,
                                CampaignColumns.STATUS,
                                CampaignColumns.HOUR_START_MS,
                                CampaignColumns.FIRST_DETECTED_HOUR_MS,
                                CampaignColumns.MEMBERS,
                                CampaignColumns.REPOS,
                                CampaignColumns.KINDS,
                                CampaignColumns.FIRST_ACTION_MS,
                                CampaignColumns.LAST_ACTION_MS,
                                CampaignColumns.TIGHTNESS,
                                CampaignColumns.CONFIDENCE,
                                CampaignColumns.SINGLE_PURPOSE_SHARE,
                                CampaignColumns.LOW_ACTIVITY_SHARE)
                        + " FROM "
                        + source(files, true);
        eachRow(
                files,
                sql,
                (f, rs) ->
                        out.get(f)
                                .add(
                                        new Campaign(
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getLong(4),
                                                rs.getLong(5),
                                                strings(rs.getArray(6)),
                                                strings(rs.getArray(7)),
                                                ActionKind.mask(strings(rs.getArray(8))),
                                                rs.getLong(9),
                                                rs.getLong(10),
                                                rs.getDouble(11),
                                                rs.getDouble(12),
                                                rs.getDouble(13),
                                                rs.getDouble(14))));
        return out;
    }

    /** Totals of each features file. */
    public Map<CommittedFile, FileStats> featureStats(List<CommittedFile> files)
            throws SQLException {
        String sql =
                "SELECT filename, count(*), sum("
                        + q(Feature.EVENT_COUNT.columnName())
                        + ")::BIGINT, count("
                        + q(FeatureColumns.SCORE)
                        + "), count_if("
                        + q(FeatureColumns.IS_ANOMALY)
                        + "), list(DISTINCT "
                        + q(FeatureColumns.MODEL_VERSION)
                        + ") FILTER (WHERE "
                        + q(FeatureColumns.MODEL_VERSION)
                        + " IS NOT NULL) FROM "
                        + source(files, true)
                        + " GROUP BY filename";
        return perFile(
                files,
                sql,
                rs ->
                        new FileStats(
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                strings(rs.getArray(6))));
    }

    /** Rows of each file (late events, dead letters). */
    public Map<CommittedFile, FileStats> rowCounts(List<CommittedFile> files) throws SQLException {
        String sql = "SELECT filename, count(*) FROM " + source(files, true) + " GROUP BY filename";
        return perFile(files, sql, rs -> FileStats.rowsOnly(rs.getLong(2)));
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Map<CommittedFile, FileStats> perFile(
            List<CommittedFile> files, String sql, RowReader<FileStats> reader)
            throws SQLException {
        Map<CommittedFile, FileStats> out = new HashMap<>();
        files.forEach(f -> out.put(f, FileStats.EMPTY)); // a file without rows has no group
        eachRow(files, sql, (f, rs) -> out.put(f, reader.read(rs)));
        return out;
    }

    @FunctionalInterface
    private interface FileRowSink {
        void accept(CommittedFile file, ResultSet rs) throws SQLException;
    }

    /** Runs sql, whose first column is DuckDB's filename, and hands each row on with its file. */
    private void eachRow(List<CommittedFile> files, String sql, FileRowSink sink)
            throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        Map<String, CommittedFile> byName = new HashMap<>();
        for (CommittedFile f : files) {
            byName.put(f.path().toString(), f);
        }
        pool.query(
                c -> {
                    try (PreparedStatement s = c.prepareStatement(sql);
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            CommittedFile f = byName.get(rs.getString(1));
                            if (f != null) {
                                sink.accept(f, rs);
                            }
                        }
                    }
                    return null;
                });
    }

    private List<StoredRow> rows(List<CommittedFile> files, String rest, Object... params)
            throws SQLException {
        if (files.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT * FROM " + source(files, false) + " " + rest;
        AnswerCache.Key key = new AnswerCache.Key(rest, List.of(params), List.copyOf(files));
        List<StoredRow> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<StoredRow> answer = pool.query(c -> read(c, sql, params));
        cache.put(key, answer);
        return answer;
    }

    private static List<StoredRow> read(Connection c, String sql, Object... params)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<StoredRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Integer> columns = columns(rs);
                while (rs.next()) {
                    rows.add(row(rs, columns));
                }
            }
            return rows;
        }
    }

    /**
     * A row read by column name, so that files written before a column existed (a feature or the
     * severity added later) still read: a missing feature reads 0, a missing severity null.
     */
    private static StoredRow row(ResultSet rs, Map<String, Integer> columns) throws SQLException {
        List<Number> values = new ArrayList<>(Feature.count());
        for (Feature f : Feature.values()) {
            Integer col = columns.get(f.columnName());
            values.add(
                    switch (f.kind()) {
                        case COUNT -> col == null ? 0L : rs.getLong(col);
                        case RATIO, RATE -> col == null ? 0.0 : rs.getDouble(col);
                        case FLAG -> col == null ? 0 : rs.getInt(col);
                    });
        }
        double score = rs.getDouble(columns.get(FeatureColumns.SCORE));
        Double maybeScore = rs.wasNull() ? null : score;
        boolean anomalous = rs.getBoolean(columns.get(FeatureColumns.IS_ANOMALY));
        Boolean maybeAnomalous = rs.wasNull() ? null : anomalous;
        Integer severity = columns.get(FeatureColumns.SEVERITY);
        return new StoredRow(
                rs.getString(columns.get(FeatureColumns.ACTOR_LOGIN)),
                rs.getLong(columns.get(FeatureColumns.ACTOR_ID)),
                rs.getLong(columns.get(FeatureColumns.HOUR_START_MS)),
                rs.getString(columns.get(FeatureColumns.MODEL_VERSION)),
                maybeScore,
                maybeAnomalous,
                strings(rs.getArray(columns.get(FeatureColumns.TOP_FEATURES))),
                values,
                severity == null ? null : rs.getString(severity));
    }

    private static Map<String, Integer> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.put(meta.getColumnLabel(i), i);
        }
        return columns;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }

    /** {@code read_parquet([...])} over exactly these files, by name. */
    private static String source(List<CommittedFile> files, boolean withFileName) {
        String list =
                files.stream()
                        .map(f -> "'" + f.path().toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", "));
        return "read_parquet(["
                + list
                + "], union_by_name = true"
                + (withFileName ? ", filename = true" : "")
                + ")";
    }

    private static String q(String column) {
        return '"' + column.replace("\"", "\"\"") + '"';
    }

    private static String quoted(String... columns) {
        return Arrays.stream(columns).map(OutputQueries::q).collect(Collectors.joining(", "));
    }
}
