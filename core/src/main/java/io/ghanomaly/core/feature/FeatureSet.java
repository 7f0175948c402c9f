package io.ghanomaly.core.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The features a model uses, in its order: all of them, the reference project's five (for its
 * {@code {"features":[12,0,1,0,4]}} contract), or any named list.
 *
 * @param name how the set is called in options and model bundles
 * @param features the features, in the model's column order
 */
public record FeatureSet(String name, List<Feature> features) {
    public static final FeatureSet ALL = new FeatureSet("all", List.of(Feature.values()));
    public static final FeatureSet REFERENCE = new FeatureSet("reference", Feature.REFERENCE);

    /** The counts of the kinds of action abuse is made of, in the default set's order. */
    public static final List<Feature> ABUSE_KINDS =
            List.of(
                    Feature.WATCH_COUNT,
                    Feature.FORK_COUNT,
                    Feature.ISSUES_COUNT,
                    Feature.ISSUE_COMMENT_COUNT,
                    Feature.PR_COUNT,
                    Feature.PUSH_COUNT,
                    Feature.CREATE_COUNT,
                    Feature.REPOS_CREATED);

    /**
     * What our forests split on by default: volume, how it is spread over minutes, repositories and
     * types, whose repositories, and the counts of the types abuse is made of. Left out: the counts
     * of types legitimate work touches rarely (releases, wiki edits, commit comments, reviews,
     * deletions, members, publications), whose every non-zero value an Isolation Forest isolates at
     * once, so that prolific developers crowded the top of the ranking. Also left out:
     * busiest_minute_share and active_span_minutes, which detected no better and drifted between
     * ordinary hours. All of them are still computed and written. Measured with {@code ./gh-anomaly
     * evaluate} (README, Models).
     */
    public static final FeatureSet DEFAULT =
            new FeatureSet(
                    "default",
                    concat(
                            List.of(
                                    Feature.EVENT_COUNT,
                                    Feature.REPO_DIVERSITY,
                                    Feature.REPOS_PER_EVENT,
                                    Feature.EVENTS_PER_ACTIVE_MINUTE,
                                    Feature.MAX_EVENTS_PER_MINUTE,
                                    Feature.ACTIVE_MINUTES,
                                    Feature.OWN_REPO_SHARE,
                                    Feature.DISTINCT_EVENT_TYPES,
                                    Feature.TOP_TYPE_SHARE),
                            FeatureSet.ABUSE_KINDS,
                            List.of(Feature.IS_BOT)));

    @SafeVarargs
    private static List<Feature> concat(List<Feature>... parts) {
        List<Feature> all = new ArrayList<>();
        for (List<Feature> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static final Map<String, Feature> BY_COLUMN =
            Arrays.stream(Feature.values())
                    .collect(Collectors.toUnmodifiableMap(Feature::columnName, f -> f));

    public FeatureSet {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a feature set needs at least one feature");
        }
    }

    /**
     * "default", "all", "reference", or comma-separated column names such as
     * "event_count,push_count".
     */
    public static FeatureSet named(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals(ALL.name)) {
            return ALL;
        }
        if (s.equals(REFERENCE.name)) {
            return REFERENCE;
        }
        if (s.equals(DEFAULT.name)) {
            return DEFAULT;
        }
        List<Feature> chosen = new ArrayList<>();
        for (String column : s.split(",")) {
            chosen.add(byColumn(column.trim()));
        }
        return new FeatureSet(s, chosen);
    }

    /** The feature with this column name; the message lists the valid names. */
    public static Feature byColumn(String column) {
        Feature f = BY_COLUMN.get(column);
        if (f != null) {
            return f;
        }
        throw new IllegalArgumentException(
                "unknown feature '"
                        + column
                        + "'; features are "
                        + Arrays.stream(Feature.values())
                                .map(Feature::columnName)
                                .collect(Collectors.joining(", ")));
    }

    public List<String> columnNames() {
        return features.stream().map(Feature::columnName).toList();
    }

    public int size() {
        return features.size();
    }

    /** This set's values out of a full vector in {@link Feature} order, into {@code out}. */
    public void select(double[] fullVector, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = fullVector[features.get(i).ordinal()];
        }
    }

    public double[] select(double[] fullVector) {
        double[] out = new double[features.size()];
        select(fullVector, out);
        return out;
    }
}
