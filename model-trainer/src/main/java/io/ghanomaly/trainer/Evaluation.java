package io.ghanomaly.trainer;

import io.ghanomaly.core.generator.PlantedBehaviour;
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
 * How a bundle does on held-back actor-hours: anomaly rate and score distribution, and, where the
 * generator's labels say which actor-hours carry a planted behaviour, ROC AUC and precision at k
 * per behaviour (k = that behaviour's labelled actor-hours; positives against unlabelled rows), and
 * recall at the model's own threshold (the share of a behaviour's actor-hours flagged).
 *
 * @param metrics the figures by name (MLflow metric names)
 * @param predictions the highest-scored rows as CSV, for a look by eye
 */
record Evaluation(Map<String, Double> metrics, String predictions) {
    private static final int PREDICTIONS = 1000;

    static Evaluation of(ModelBundle bundle, List<ActorHour> rows, Labels labels) {
        List<Scored> scored = new ArrayList<>();
        for (ActorHour a : rows) {
            ModelBundle.Verdict v = bundle.score(a.features(), 3);
            if (!Double.isNaN(v.score())) {
                scored.add(new Scored(a, v, labels.of(a.actor(), a.hourStartMillis())));
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        double[] scores = scored.stream().mapToDouble(s -> s.verdict.score()).toArray();
        long anomalies = scored.stream().filter(s -> s.verdict.anomalous()).count();
        m.put("num_total", (double) scores.length);
        m.put("num_anomalies", (double) anomalies);
        m.put("anomaly_rate", scores.length == 0 ? 0 : anomalies / (double) scores.length);
        m.put("mean_anomaly_score", Arrays.stream(scores).average().orElse(Double.NaN));
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0) {
            m.put("score_p50", io.ghanomaly.core.drift.ReferenceDistribution.quantile(sorted, .5));
            m.put("score_p99", io.ghanomaly.core.drift.ReferenceDistribution.quantile(sorted, .99));
        }
        double aucSum = 0;
        int aucCount = 0;
        for (PlantedBehaviour b : labels.behaviours()) {
            List<Scored> judged =
                    scored.stream().filter(s -> s.behaviour == null || s.behaviour == b).toList();
            double[] s = judged.stream().mapToDouble(x -> x.verdict.score()).toArray();
            boolean[] positive = new boolean[s.length];
            int positives = 0;
            for (int i = 0; i < s.length; i++) {
                positive[i] = judged.get(i).behaviour == b;
                positives += positive[i] ? 1 : 0;
            }
            if (positives == 0 || positives == s.length) {
                continue;
            }
            String name = b.name().toLowerCase(Locale.ROOT);
            double auc = RankingMetrics.auc(s, positive);
            m.put("auc_" + name, auc);
            m.put("precision_at_k_" + name, RankingMetrics.precisionAtK(s, positive, positives));
            m.put("positives_" + name, (double) positives);
            long flagged =
                    judged.stream().filter(x -> x.behaviour == b && x.verdict.anomalous()).count();
            m.put("recall_at_threshold_" + name, flagged / (double) positives);
            aucSum += auc;
            aucCount++;
        }
        if (aucCount > 0) {
            m.put("auc", aucSum / aucCount);
        }
        return new Evaluation(m, csv(scored));
    }

    /** The mean AUC over planted behaviours, or null without labels. */
    Double auc() {
        return metrics.get("auc");
    }

    private static String csv(List<Scored> scored) {
        StringBuilder b =
                new StringBuilder(
                        "actor,hour,score,is_anomaly,population,top_features,"
                                + "planted_behaviour\n");
        scored.stream()
                .sorted(Comparator.comparingDouble((Scored s) -> -s.verdict.score()))
                .limit(PREDICTIONS)
                .forEach(
                        s ->
                                b.append(s.row.actor())
                                        .append(',')
                                        .append(Instant.ofEpochMilli(s.row.hourStartMillis()))
                                        .append(',')
                                        .append(
                                                String.format(
                                                        Locale.ROOT, "%.6f", s.verdict.score()))
                                        .append(',')
                                        .append(s.verdict.anomalous())
                                        .append(',')
                                        .append(s.verdict.population())
                                        .append(',')
                                        .append(String.join(" ", s.verdict.topFeatures()))
                                        .append(',')
                                        .append(s.behaviour == null ? "" : s.behaviour)
                                        .append('\n'));
        return b.toString();
    }

    private record Scored(ActorHour row, ModelBundle.Verdict verdict, PlantedBehaviour behaviour) {}
}
