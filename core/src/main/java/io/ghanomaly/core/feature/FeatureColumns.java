package io.ghanomaly.core.feature;

/**
 * The column names of the job's features output besides the feature columns themselves ({@link
 * Feature#columnName()}), defined once for the job that writes them and the trainer that reads them
 * back.
 */
public final class FeatureColumns {
    /** The actor's login, as in {@code actor.login}. */
    public static final String ACTOR_LOGIN = "actor_login";

    /** The actor's numeric id; -1 where the archive has none. */
    public static final String ACTOR_ID = "actor_id";

    /** The first instant of the actor-hour's UTC hour, in epoch milliseconds. */
    public static final String HOUR_START_MS = "hour_start_ms";

    /** The {@link Feature#VERSION} that computed the row's features. */
    public static final String FEATURE_VERSION = "feature_version";

    /** The version of the model bundle that scored the row; null when unscored. */
    public static final String MODEL_VERSION = "model_version";

    /** The anomaly score in (0, 1], higher is more anomalous; null when unscored. */
    public static final String SCORE = "score";

    /** Whether the score is above the population's threshold; null when unscored. */
    public static final String IS_ANOMALY = "is_anomaly";

    /** The names of the features that did most to isolate the row, most first. */
    public static final String TOP_FEATURES = "top_features";

    public static final String SEVERITY = "severity";

    private FeatureColumns() {}
}
