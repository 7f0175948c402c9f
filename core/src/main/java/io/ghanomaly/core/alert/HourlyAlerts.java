package io.ghanomaly.core.alert;

import io.ghanomaly.core.drift.DriftStatistics;
import io.ghanomaly.core.drift.FeatureDrift;
import io.ghanomaly.core.model.Severity;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alert rules of one population over its closed hours, in order: what each hour raises given
 * the hours before it. Holds only what the rules need (the trailing hours' rates, each feature's
 * run of drifted hours, when each rule last fired), so the job keeps it in keyed state and a
 * restored job judges the next hour as the failed one would have.
 */
public final class HourlyAlerts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Not kept with the state: a restored job judges with the options it was started with. */
    private transient AlertRules rules;

    private final Deque<Double> trailingRates = new ArrayDeque<>();
    private final Map<String, Integer> driftRuns = new HashMap<>();
    private final Map<String, Long> lastFired = new HashMap<>();
    private final Map<String, double[]> byHourOfDay = new HashMap<>();
    private long suppressed;

    public HourlyAlerts(AlertRules rules) {
        this.rules = rules;
    }

    /** Judges from now on with these rules (a restored state has none of its own). */
    public HourlyAlerts use(AlertRules newRules) {
        this.rules = newRules;
        return this;
    }

    /** The alerts this hour raises; then it becomes one of the trailing hours. */
    public List<Alert> close(PopulationHour hour) {
        List<Alert> alerts = new ArrayList<>();
        if (hour.scored() < rules.minRows()) {
            return alerts; // too few to judge, and not a trailing hour either
        }
        double rate = hour.anomalyRate();
        if (rate > rules.anomalyRate()) {
            fire(
                    alerts,
                    hour,
                    "anomaly_rate",
                    String.format(
                            Locale.ROOT,
                            "%s: %.1f%% of %,d actor-hours anomalous (threshold %.1f%%)",
                            hour.population(),
                            100 * rate,
                            hour.scored(),
                            100 * rules.anomalyRate()),
                    Alert.evidence(
                            "anomaly_rate", rate,
                            "threshold", rules.anomalyRate(),
                            "scored", hour.scored(),
                            "anomalies", hour.anomalies(),
                            "critical", hour.critical()));
        }
        double expectedCritical = Severity.CRITICAL_SHARE * hour.scored();
        if (hour.critical() >= AlertRules.MIN_CRITICAL
                && hour.critical() >= rules.criticalFactor() * expectedCritical) {
            fire(
                    alerts,
                    hour,
                    "critical_actors",
                    String.format(
                            Locale.ROOT,
                            "%s: %,d critical actor-hours of %,d, %.0f times the %.1f the model's"
                                    + " training share predicts",
                            hour.population(),
                            hour.critical(),
                            hour.scored(),
                            hour.critical() / Math.max(expectedCritical, 1e-9),
                            expectedCritical),
                    Alert.evidence(
                            "critical", hour.critical(),
                            "expected", expectedCritical,
                            "scored", hour.scored(),
                            "top_actors", String.join(" ", hour.topActors())));
        }
        if (trailingRates.size() >= rules.minTrailingHours()) {
            double median = median(trailingRates);
            if (rate >= rules.spikeFactor() * median && rate - median >= rules.spikeMinRise()) {
                fire(
                        alerts,
                        hour,
                        "anomaly_rate_spike",
                        String.format(
                                Locale.ROOT,
                                "%s: anomaly rate %.2f%%, %.1f times the median %.2f%% of the last"
                                        + " %d hours",
                                hour.population(),
                                100 * rate,
                                median == 0 ? Double.POSITIVE_INFINITY : rate / median,
                                100 * median,
                                trailingRates.size()),
                        Alert.evidence(
                                "anomaly_rate",
                                rate,
                                "trailing_median",
                                median,
                                "trailing_hours",
                                trailingRates.size(),
                                "factor",
                                rules.spikeFactor()));
            }
        }
        trailingRates.addLast(rate);
        while (trailingRates.size() > rules.trailingHours()) {
            trailingRates.removeFirst();
        }
        int hourOfDay = (int) Math.floorMod(hour.hourStartMillis() / 3_600_000L, 24L);
        // Judged before this hour becomes part of the hour-of-day baseline.
        List<FeatureDrift> unusual =
                hour.features().stream()
                        .filter(f -> f.drifted() && beyondUsual(f, hourOfDay))
                        .toList();
        Map<String, Double> usualNow = new HashMap<>();
        for (FeatureDrift f : unusual) {
            usualNow.put(f.feature(), usualFor(f, hourOfDay));
        }
        // Evidently's dataset drift, over the features drifted beyond their usual for the hour
        // (the report keeps Evidently's own share).
        if (!hour.features().isEmpty()
                && unusual.size() >= DriftStatistics.DATASET_DRIFT_SHARE * hour.features().size()) {
            List<FeatureDrift> drifted = drifted(unusual);
            fire(
                    alerts,
                    hour,
                    "dataset_drift",
                    String.format(
                            Locale.ROOT,
                            "%s: %d of %d features drifted from model %s, beyond their usual"
                                    + " for the hour (%s)",
                            hour.population(),
                            drifted.size(),
                            hour.features().size(),
                            hour.modelVersion(),
                            names(drifted, 5)),
                    Alert.evidence(
                            "drifted_share",
                            unusual.size() / (double) hour.features().size(),
                            "threshold",
                            DriftStatistics.DATASET_DRIFT_SHARE,
                            "drifted",
                            names(drifted, 10),
                            "model_version",
                            hour.modelVersion()));
        }
        List<FeatureDrift> persisting = new ArrayList<>();
        for (FeatureDrift f : hour.features()) {
            remember(f, hourOfDay);
            boolean counts = unusual.contains(f);
            int run = counts ? driftRuns.merge(f.feature(), 1, Integer::sum) : 0;
            if (!counts) {
                driftRuns.remove(f.feature());
            }
            if (run >= rules.driftHours()) {
                persisting.add(f);
            }
        }
        // One alert for every feature whose run is long enough, one cooldown for the population:
        // a spam wave that moves ten features is one incident, not ten alerts every six hours.
        if (!persisting.isEmpty() && coolingDown(hour, "dataset_drift")) {
            suppressed++; // part of the dataset drift already said
        } else if (!persisting.isEmpty()) {
            List<FeatureDrift> byDistance = drifted(persisting);
            FeatureDrift f = byDistance.get(0);
            fire(
                    alerts,
                    hour,
                    "feature_drift",
                    String.format(
                            Locale.ROOT,
                            "%s: %s drifted %d hours in a row (%s %.3f, threshold %.3f, %s;"
                                    + " mean %.3g, %.3g in training)%s",
                            hour.population(),
                            f.feature(),
                            driftRuns.get(f.feature()),
                            f.test(),
                            f.statistic(),
                            f.threshold(),
                            Double.isNaN(usualNow.get(f.feature()))
                                    ? "no usual level known"
                                    : String.format(
                                            Locale.ROOT, "usual %.3f", usualNow.get(f.feature())),
                            f.currentMean(),
                            f.referenceMean(),
                            byDistance.size() == 1
                                    ? ""
                                    : "; also "
                                            + names(byDistance.subList(1, byDistance.size()), 9)),
                    Alert.evidence(
                            "feature", f.feature(),
                            "features", names(byDistance, 10),
                            "test", f.test(),
                            "statistic", f.statistic(),
                            "threshold", f.threshold(),
                            "usual", usualNow.get(f.feature()),
                            "hours", driftRuns.get(f.feature()),
                            "psi", f.psi()));
        }
        return alerts;
    }

    private void fire(
            List<Alert> alerts,
            PopulationHour hour,
            String rule,
            String summary,
            Map<String, String> evidence) {
        if (coolingDown(hour, rule)) {
            suppressed++;
            return;
        }
        lastFired.put(rule, hour.hourStartMillis());
        Map<String, String> all = new LinkedHashMap<>(evidence);
        if (!hour.topActors().isEmpty()) {
            all.put("example_actors", String.join(", ", hour.topActors()));
        }
        alerts.add(
                Alert.raise(
                        rule,
                        hour.population(),
                        hour.hourStartMillis(),
                        null,
                        summary,
                        all,
                        rules.dashboardUrl()));
    }

    /**
     * GitHub's activity has a daily and weekly rhythm, and a training week's reference mixes every
     * hour of it: at 03:00 UTC, or on a Sunday, the people active have fewer active minutes than
     * the week's average, every week. A drifted feature counts towards {@code feature_drift} and
     * {@code dataset_drift} only when its distance is also at least half the threshold above its
     * usual distance at this hour: the most the training window drifted at such an hour ({@link
     * FeatureDrift#usual()}), or, where the bundle does not say, what the stream had at the same
     * hour of the day before (a moving average over days, half weight to the newest). A KS p-value
     * has no such baseline; with neither, every drifted feature counts.
     */
    private boolean beyondUsual(FeatureDrift f, int hourOfDay) {
        double usual = usualFor(f, hourOfDay);
        return Double.isNaN(usual) || f.statistic() - usual >= f.threshold() / 2;
    }

    /** The usual statistic this feature is judged against now, NaN when none (or a p-value). */
    private double usualFor(FeatureDrift f, int hourOfDay) {
        if (f.test().equals("ks")) {
            return Double.NaN;
        }
        if (!Double.isNaN(f.usual())) {
            return f.usual();
        }
        double[] seen = byHourOfDay.get(f.feature());
        return seen == null ? Double.NaN : seen[hourOfDay]; // NaN: every drift counts
    }

    private void remember(FeatureDrift f, int hourOfDay) {
        double[] seen =
                byHourOfDay.computeIfAbsent(
                        f.feature(),
                        k -> {
                            double[] none = new double[24];
                            Arrays.fill(none, Double.NaN);
                            return none;
                        });
        seen[hourOfDay] =
                Double.isNaN(seen[hourOfDay])
                        ? f.statistic()
                        : (seen[hourOfDay] + f.statistic()) / 2;
    }

    private boolean coolingDown(PopulationHour hour, String key) {
        Long last = lastFired.get(key);
        return last != null && hour.hourStartMillis() - last < rules.cooldown().toMillis();
    }

    /** Alerts the cooldown kept quiet, so far. */
    public long suppressed() {
        return suppressed;
    }

    private static List<FeatureDrift> drifted(List<FeatureDrift> features) {
        return features.stream()
                .sorted(Comparator.comparingDouble((FeatureDrift f) -> f.psi()).reversed())
                .toList();
    }

    private static String names(List<FeatureDrift> features, int most) {
        return String.join(", ", features.stream().limit(most).map(FeatureDrift::feature).toList());
    }

    static double median(Deque<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
