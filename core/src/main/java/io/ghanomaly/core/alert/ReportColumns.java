package io.ghanomaly.core.alert;

/**
 * Column names of the job's {@code drift/} and {@code alerts/} Parquet outputs, which the API
 * reads: one place for both.
 */
public final class ReportColumns {
    private ReportColumns() {}

    // drift/: one row per hour and population, its features' drift in a list
    public static final String HOUR_START_MS = "hour_start_ms";
    public static final String POPULATION = "population";
    public static final String MODEL_VERSION = "model_version";
    public static final String ROWS = "rows";
    public static final String SCORED = "scored";
    public static final String ANOMALIES = "anomalies";
    public static final String CRITICAL = "critical";
    public static final String ANOMALY_RATE = "anomaly_rate";
    public static final String DRIFTED_SHARE = "drifted_share";
    public static final String DATASET_DRIFT = "dataset_drift";
    public static final String EXAMPLE_ACTORS = "example_actors";
    public static final String FEATURES = "features";

    // each element of features
    public static final String FEATURE = "feature";
    public static final String TEST = "test";
    public static final String STATISTIC = "statistic";
    public static final String THRESHOLD = "threshold";
    public static final String DRIFTED = "drifted";
    public static final String PSI = "psi";
    public static final String KS = "ks";
    public static final String KS_P_VALUE = "ks_p_value";
    public static final String REFERENCE_MEAN = "reference_mean";
    public static final String CURRENT_MEAN = "current_mean";
    public static final String USUAL = "usual_statistic";

    // alerts/: one row per alert (and hour_start_ms, population as above)
    public static final String ID = "id";
    public static final String RULE = "rule";
    public static final String SUMMARY = "summary";
    public static final String EVIDENCE = "evidence";
    public static final String LINK = "link";
}
