package io.ghanomaly.trainer;

import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.label.PlantedBehaviour;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.RankingMetrics;
import io.ghanomaly.trainer.FeatureHistory.ActorHour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a bundle does on held-back actor-hours. Anomaly rate and score distribution are computed on a
 * uniform sample of them (all of them when they fit in --max-rows). Where the generator's labels
 * say which actor-hours carry a planted behaviour, each behaviour's labelled actor-hours (all of
 * them) are ranked against the unlabelled ones of the sample: ROC AUC, precision at k (k = that
 * behaviour's labelled actor-hours) and recall at the model's own threshold.
 *
 * @param metrics the figures by name (MLflow metric names)
 * @param predictions the highest-scored rows as CSV with their explanations, or "" when not asked
 */
record Evaluation(Map<String, Double> metrics, String predictions) {
    private static final int PREDICTIONS = 1000;

    /**
     * @param planted actor-hours made up by {@link Planter}, ranked against the sample's unlabelled
     *     rows: {@code planted_*} figures, label-free
     */
    static Evaluation of(
            ModelBundle bundle,
            List<ActorHour> sample,
            List<ActorHour> labelled,
            Labels labels,
            List<PlantedEvaluation.Planted> planted,
            boolean withPredictions) {
        List<Scored> population = score(bundle, sample, labels);
        Map<String, Double> m = new LinkedHashMap<>();
        double[] scores = population.stream().mapToDouble(s -> s.verdict.score()).toArray();
        long anomalies = population.stream().filter(s -> s.verdict.anomalous()).count();
        m.put("num_total", (double) scores.length);
        m.put("num_anomalies", (double) anomalies);
        m.put("anomaly_rate", scores.length == 0 ? 0 : anomalies / (double) scores.length);
        m.put("mean_anomaly_score", Arrays.stream(scores).average().orElse(Double.NaN));
        m.put("anomaly_rate_hourly_std", hourlyRateStd(population));
        Arrays.sort(scores);
        if (scores.length > 0) {
            m.put("score_p50", ReferenceDistribution.quantile(scores, .5));
            m.put("score_p99", ReferenceDistribution.quantile(scores, .99));
        }
        List<Scored> negatives = population.stream().filter(s -> s.behaviour == null).toList();
        putPlanted(
                m,
                PlantedEvaluation.of(
                        bundle,
                        negatives.stream().mapToDouble(s -> s.verdict.score()).toArray(),
                        (int) negatives.stream().filter(s -> s.verdict.anomalous()).count(),
                        planted));
        List<Scored> positives = score(bundle, labelled, labels);
        double aucSum = 0;
        int aucCount = 0;
        for (PlantedBehaviour b : labels.behaviours()) {
            List<Scored> judged = new ArrayList<>(negatives);
            positives.stream().filter(s -> s.behaviour == b).forEach(judged::add);
            int k = judged.size() - negatives.size();
            if (k == 0 || negatives.isEmpty()) {
                continue;
            }
            double[] s = judged.stream().mapToDouble(x -> x.verdict.score()).toArray();
            boolean[] positive = new boolean[s.length];
            Arrays.fill(positive, negatives.size(), s.length, true);
            String name = b.name().toLowerCase(Locale.ROOT);
            double auc = RankingMetrics.auc(s, positive);
            m.put("auc_" + name, auc);
            m.put("precision_at_k_" + name, RankingMetrics.precisionAtK(s, positive, k));
            m.put("positives_" + name, (double) k);
            long flagged =
                    judged.subList(negatives.size(), s.length).stream()
                            .filter(x -> x.verdict.anomalous())
                            .count();
            m.put("recall_at_threshold_" + name, flagged / (double) k);
            aucSum += auc;
            aucCount++;
        }
        if (aucCount > 0) {
            m.put("auc", aucSum / aucCount);
        }
        return new Evaluation(m, withPredictions ? csv(bundle, population, positives) : "");
    }

    /**
     * How steady the model's anomaly rate is from one held-back hour to the next: the standard
     * deviation of the hourly rates (0 with one hour). A model whose rate swings is unstable even
     * when its mean is on target.
     */
    private static double hourlyRateStd(List<Scored> rows) {
        Map<Long, long[]> byHour = new java.util.HashMap<>();
        for (Scored s : rows) {
            long[] c = byHour.computeIfAbsent(s.row.hourStartMillis(), k -> new long[2]);
            c[0]++;
            c[1] += s.verdict.anomalous() ? 1 : 0;
        }
        double[] rates = byHour.values().stream().mapToDouble(c -> c[1] / (double) c[0]).toArray();
        double mean = Arrays.stream(rates).average().orElse(0);
        return Math.sqrt(
                Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).average().orElse(0));
    }

    /** The planted figures, loud, subtle and overall, under MLflow metric names. */
    private static void putPlanted(Map<String, Double> m, PlantedEvaluation e) {
        for (Plant.Strength s : Plant.Strength.values()) {
            String k = s.name().toLowerCase(Locale.ROOT);
            m.put("planted_auc_" + k, e.mean(s, PlantedEvaluation.Result::auc));
            m.put("planted_precision_at_k_" + k, e.mean(s, PlantedEvaluation.Result::precisionAtK));
            m.put("planted_explained_" + k, e.mean(s, PlantedEvaluation.Result::explained));
        }
        m.put("planted_auc", e.mean(PlantedEvaluation.Result::auc));
        m.put("planted_precision_at_k", e.mean(PlantedEvaluation.Result::precisionAtK));
    }

    /** The mean AUC over planted behaviours, or null without labels. */
    Double auc() {
        return metrics.get("auc");
    }

    /** Scores without explanations; rows a model does not score (excluded bots) are left out. */
    private static List<Scored> score(ModelBundle bundle, List<ActorHour> rows, Labels labels) {
        List<Scored> out = new ArrayList<>(rows.size());
        for (ActorHour a : rows) {
            ModelBundle.Verdict v = bundle.score(a.features(), 0);
            if (!Double.isNaN(v.score())) {
                out.add(new Scored(a, v, labels.of(a.actor(), a.hourStartMillis())));
            }
        }
        return out;
    }

    /** The highest-scored rows of the sample and every labelled row, explained. */
    private static String csv(ModelBundle bundle, List<Scored> sample, List<Scored> positives) {
        List<Scored> shown =
                new ArrayList<>(
                        sample.stream()
                                .sorted(
                                        Comparator.comparingDouble(
                                                (Scored s) -> -s.verdict.score()))
                                .limit(PREDICTIONS)
                                .toList());
        positives.stream().filter(p -> !shown.contains(p)).forEach(shown::add);
        StringBuilder b =
                new StringBuilder(
                        "actor,hour,score,is_anomaly,population,top_features,"
                                + "planted_behaviour\n");
        for (Scored s : shown) {
            ModelBundle.Verdict v = bundle.score(s.row.features(), 3);
            b.append(s.row.actor())
                    .append(',')
                    .append(Instant.ofEpochMilli(s.row.hourStartMillis()))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6f", v.score()))
                    .append(',')
                    .append(v.anomalous())
                    .append(',')
                    .append(v.population())
                    .append(',')
                    .append(String.join(" ", v.topFeatures()))
                    .append(',')
                    .append(s.behaviour == null ? "" : s.behaviour)
                    .append('\n');
        }
        return b.toString();
    }

    private record Scored(ActorHour row, ModelBundle.Verdict verdict, PlantedBehaviour behaviour) {}
}
