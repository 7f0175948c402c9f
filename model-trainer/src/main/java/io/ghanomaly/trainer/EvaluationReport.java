package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.Severity;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code ./gh-anomaly evaluate} prints of one set of hours. */
final class EvaluationReport {
    private final PrintStream out;

    EvaluationReport(PrintStream out) {
        this.out = out;
    }

    /**
     * Ours and the reference side by side, per behaviour, then the means per strength; a third
     * model (an ensemble measured with {@code --kind-forests}) by AUC and precision at k.
     */
    void comparison(List<EvaluateCommand.ModelResult> results) {
        PlantedEvaluation ours = results.get(0).evaluation();
        PlantedEvaluation ref = results.get(1).evaluation();
        PlantedEvaluation third = results.size() > 2 ? results.get(2).evaluation() : null;
        out.printf(
                "  %-22s %-7s | %-33s | %-26s%s%n",
                "behaviour",
                "planted",
                "ours: AUC  P@k  recall explained",
                "reference: AUC  P@k  recall",
                third == null ? "" : " | " + results.get(2).model() + ": AUC  P@k");
        for (int i = 0; i < ours.results().size(); i++) {
            PlantedEvaluation.Result a = ours.results().get(i);
            PlantedEvaluation.Result b = ref.results().get(i);
            out.printf(
                    Locale.ROOT,
                    "  %-22s %7d | %10.4f %5.2f %6.2f %9.2f | %14.4f %5.2f %6.2f%s%n",
                    a.label(),
                    a.positives(),
                    a.auc(),
                    a.precisionAtK(),
                    a.recallAtThreshold(),
                    a.explained(),
                    b.auc(),
                    b.precisionAtK(),
                    b.recallAtThreshold(),
                    third == null
                            ? ""
                            : ranking(
                                    third.results().get(i).auc(),
                                    third.results().get(i).precisionAtK()));
        }
        for (Plant.Strength s : Plant.Strength.values()) {
            out.printf(
                    Locale.ROOT,
                    "  %-22s %7s | %10.4f %5.2f %6.2f %9.2f | %14.4f %5.2f %6.2f%s%n",
                    "mean " + s.name().toLowerCase(Locale.ROOT),
                    "",
                    ours.mean(s, PlantedEvaluation.Result::auc),
                    ours.mean(s, PlantedEvaluation.Result::precisionAtK),
                    ours.mean(s, PlantedEvaluation.Result::recallAtThreshold),
                    ours.mean(s, PlantedEvaluation.Result::explained),
                    ref.mean(s, PlantedEvaluation.Result::auc),
                    ref.mean(s, PlantedEvaluation.Result::precisionAtK),
                    ref.mean(s, PlantedEvaluation.Result::recallAtThreshold),
                    third == null
                            ? ""
                            : ranking(
                                    third.mean(s, PlantedEvaluation.Result::auc),
                                    third.mean(s, PlantedEvaluation.Result::precisionAtK)));
        }
    }

    private static String ranking(double auc, double precisionAtK) {
        return String.format(Locale.ROOT, " | %17.4f %5.2f", auc, precisionAtK);
    }

    /** Per behaviour, the real actor-hours ranked that did as much of it, at least as fast. */
    void asMuch(Map<String, Integer> realAsMuch) {
        StringBuilder b =
                new StringBuilder("  real actor-hours ranked doing as much, at least as fast:");
        realAsMuch.forEach((label, n) -> b.append(' ').append(label).append(' ').append(n));
        out.println(b);
    }

    /** Actor-hours per severity tier among the real ones ranked, and per 60,000 (a modern hour). */
    void severity(ModelBundle bundle, List<double[]> real) {
        Map<Severity, Integer> tiers = new EnumMap<>(Severity.class);
        int scored = 0;
        for (double[] v : real) {
            ModelBundle.Verdict verdict = bundle.score(v, 0);
            if (!Double.isNaN(verdict.score())) {
                scored++;
                tiers.merge(verdict.severity(), 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder("  severity of the real actor-hours ranked:");
        for (Severity s : Severity.values()) {
            int n = tiers.getOrDefault(s, 0);
            b.append(
                    String.format(
                            Locale.ROOT,
                            " %s %,d (%.1f per 60,000)",
                            s.columnValue(),
                            n,
                            scored == 0 ? 0 : n * 60_000.0 / scored));
        }
        out.println(b);
    }

    /** The n highest real actor-hours: what the planted ones compete with. */
    void top(ModelBundle bundle, List<double[]> real, List<String> logins, int showTop) {
        if (showTop == 0) {
            return;
        }
        Integer[] order = new Integer[real.size()];
        double[] scores = new double[real.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            double s = bundle.score(real.get(i), 0).score();
            scores[i] = Double.isNaN(s) ? -1 : s;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        out.printf("  the %d highest real actor-hours (ours):%n", showTop);
        for (int i = 0; i < Math.min(showTop, order.length); i++) {
            double[] v = real.get(order[i]);
            StringBuilder b = new StringBuilder();
            for (Feature f : Feature.values()) {
                if (v[f.ordinal()] != 0) {
                    b.append(' ').append(f.columnName()).append('=');
                    b.append(String.format(Locale.ROOT, "%.4g", v[f.ordinal()]));
                }
            }
            out.printf(
                    Locale.ROOT,
                    "    %.4f %s %s |%s%n",
                    scores[order[i]],
                    logins.get(order[i]),
                    bundle.score(v, 3).topFeatures(),
                    b);
        }
    }
}
