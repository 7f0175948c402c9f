package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.ModelBundle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a bundle ranks planted actor-hours among real ones: per plant and strength, ROC AUC and
 * precision at k (k = its planted actor-hours) against every real actor-hour the bundle scores,
 * recall at the bundle's threshold, and how often the top three features of the explanation name a
 * feature the plant manipulates. Ties between a planted and a real score go to the real one.
 *
 * @param results one per plant and strength that was planted
 * @param negatives real actor-hours scored
 * @param anomalousNegatives of them, at or above their segment's threshold
 */
public record PlantedEvaluation(List<Result> results, int negatives, int anomalousNegatives) {

    /** A planted actor-hour: what was planted, and its full feature vector. */
    public record Planted(Plant plant, Plant.Strength strength, double[] features) {}

    /** The figures for one plant in one strength. */
    public record Result(
            Plant plant,
            Plant.Strength strength,
            int positives,
            double auc,
            double precisionAtK,
            double recallAtThreshold,
            double explained) {
        public String label() {
            return plant.label(strength);
        }
    }

    public static PlantedEvaluation of(
            ModelBundle bundle, List<double[]> negatives, List<Planted> planted) {
        double[] scores = new double[negatives.size()];
        int scored = 0;
        int anomalous = 0;
        for (double[] v : negatives) {
            ModelBundle.Verdict verdict = bundle.score(v, 0);
            if (!Double.isNaN(verdict.score())) { // not an excluded or unmodelled bot
                scores[scored++] = verdict.score();
                anomalous += verdict.anomalous() ? 1 : 0;
            }
        }
        return of(bundle, Arrays.copyOf(scores, scored), anomalous, planted);
    }

    /**
     * The same, on real rows the caller has scored already (the trainer's evaluation scores the
     * held-back rows once for every figure).
     *
     * @param negativeScores the real rows' scores, in any order, none NaN
     * @param anomalousNegatives how many of them are at or above their threshold
     */
    public static PlantedEvaluation of(
            ModelBundle bundle,
            double[] negativeScores,
            int anomalousNegatives,
            List<Planted> planted) {
        double[] neg = negativeScores.clone();
        Arrays.sort(neg);
        Map<String, List<Planted>> groups = byLabel(planted);
        List<Result> results = new ArrayList<>();
        for (List<Planted> group : groups.values()) {
            Plant plant = group.get(0).plant();
            Set<String> manipulated =
                    plant.manipulated().stream()
                            .map(Feature::columnName)
                            .collect(Collectors.toSet());
            double[] pos = new double[group.size()];
            int flagged = 0;
            int explained = 0;
            for (int i = 0; i < pos.length; i++) {
                ModelBundle.Verdict v = bundle.score(group.get(i).features(), 3);
                pos[i] = v.score();
                flagged += v.anomalous() ? 1 : 0;
                explained += v.topFeatures().stream().anyMatch(manipulated::contains) ? 1 : 0;
            }
            results.add(
                    new Result(
                            plant,
                            group.get(0).strength(),
                            pos.length,
                            auc(neg, pos),
                            precisionAtK(neg, pos),
                            flagged / (double) pos.length,
                            explained / (double) pos.length));
        }
        return new PlantedEvaluation(results, neg.length, anomalousNegatives);
    }

    /**
     * The ranking figures of a scorer that is not a bundle (an ensemble {@code evaluate} measures):
     * AUC and precision at k; no threshold and no explanation, so recall and explained are NaN.
     *
     * @param scorer a full feature vector's score, higher more anomalous; NaN when not scored
     */
    public static PlantedEvaluation ranking(
            java.util.function.ToDoubleFunction<double[]> scorer,
            List<double[]> negatives,
            List<Planted> planted) {
        double[] neg =
                negatives.stream()
                        .mapToDouble(scorer)
                        .filter(s -> !Double.isNaN(s))
                        .sorted()
                        .toArray();
        Map<String, List<Planted>> groups = byLabel(planted);
        List<Result> results = new ArrayList<>();
        for (List<Planted> group : groups.values()) {
            double[] pos =
                    group.stream().mapToDouble(p -> scorer.applyAsDouble(p.features())).toArray();
            results.add(
                    new Result(
                            group.get(0).plant(),
                            group.get(0).strength(),
                            pos.length,
                            auc(neg, pos),
                            precisionAtK(neg, pos),
                            Double.NaN,
                            Double.NaN));
        }
        return new PlantedEvaluation(results, neg.length, 0);
    }

    /**
     * Per plant and strength, how many real actor-hours did at least as much of it as its mildest
     * planted actor-hour, at least as fast: each of its counts ({@link Plant#counts}) and the
     * events per active minute at or above the planted minimum. The archive has no labels, so
     * precision at k counts them as false alarms; a ranking that puts them first is not wrong.
     */
    public static Map<String, Integer> realAsMuch(List<double[]> real, List<Planted> planted) {
        Map<String, Integer> asMuch = new LinkedHashMap<>();
        for (Map.Entry<String, List<Planted>> group : byLabel(planted).entrySet()) {
            List<Feature> features = new ArrayList<>(group.getValue().get(0).plant().counts());
            features.add(Feature.EVENTS_PER_ACTIVE_MINUTE);
            double[] least = new double[features.size()];
            Arrays.fill(least, Double.POSITIVE_INFINITY);
            for (Planted p : group.getValue()) {
                for (int i = 0; i < least.length; i++) {
                    least[i] = Math.min(least[i], p.features()[features.get(i).ordinal()]);
                }
            }
            int n = 0;
            for (double[] v : real) {
                boolean all = true;
                for (int i = 0; i < least.length && all; i++) {
                    all = v[features.get(i).ordinal()] >= least[i];
                }
                n += all ? 1 : 0;
            }
            asMuch.put(group.getKey(), n);
        }
        return asMuch;
    }

    /** The mean of a figure over the plants of one strength, or NaN when none was planted. */
    public double mean(Plant.Strength strength, java.util.function.ToDoubleFunction<Result> f) {
        return results.stream()
                .filter(r -> r.strength() == strength)
                .mapToDouble(f)
                .average()
                .orElse(Double.NaN);
    }

    /** The mean of a figure over every plant and strength planted. */
    public double mean(java.util.function.ToDoubleFunction<Result> f) {
        return results.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The planted actor-hours per plant and strength, in the order they were planted. */
    private static Map<String, List<Planted>> byLabel(List<Planted> planted) {
        return planted.stream()
                .collect(
                        Collectors.groupingBy(
                                p -> p.plant().label(p.strength()),
                                LinkedHashMap::new,
                                Collectors.toList()));
    }

    /** Mann-Whitney: the chance a planted score is above a real one, ties counting half. */
    static double auc(double[] sortedNegatives, double[] positives) {
        double sum = 0;
        for (double p : positives) {
            int below = lowerBound(sortedNegatives, p);
            int notAbove = upperBound(sortedNegatives, p);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) positives.length * sortedNegatives.length);
    }

    /** The share of planted rows among the k highest, k = planted rows, real rows first on ties. */
    static double precisionAtK(double[] sortedNegatives, double[] positives) {
        double[] pos = positives.clone();
        Arrays.sort(pos);
        int k = pos.length;
        int n = sortedNegatives.length - 1;
        int p = pos.length - 1;
        int hits = 0;
        for (int taken = 0; taken < k; taken++) {
            if (p >= 0 && (n < 0 || pos[p] > sortedNegatives[n])) {
                hits++;
                p--;
            } else {
                n--;
            }
        }
        return hits / (double) k;
    }

    /** The first index of sorted {@code a} whose value is not below {@code x}. */
    static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
