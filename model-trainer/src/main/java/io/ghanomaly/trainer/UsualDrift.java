package io.ghanomaly.trainer;

import io.ghanomaly.core.alert.AlertRules;
import io.ghanomaly.core.drift.DriftStatistics;
import io.ghanomaly.core.drift.HourHistogram;
import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.model.ModelBundle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far the training window's own hours drift from the reference made of all of them, by hour of
 * the week: a Sunday night's people differ from the week's mix every week, and the alert rules
 * discount what is usual (see {@link ReferenceDistribution#usual()}).
 *
 * <p>Each training hour keeps a uniform sample of {@value #ROWS_PER_HOUR} actor-hours per
 * population (as floats: a week of 2 populations and 20 features is about 50 MB), compared with the
 * reference once it is known, so the history is read once. An hour of fewer actor-hours than the
 * alert rules judge is left out; a slot of the week with no training hour takes the mean of the
 * same hour of the day on the other days, else stays unknown (NaN). A sample of 2,000 reads a
 * little more drift than the whole hour would (a Wasserstein distance's sampling noise), which errs
 * towards fewer alerts at a rhythm's peaks.
 */
final class UsualDrift {
    static final int ROWS_PER_HOUR = 2000;

    private final Map<ModelBundle.Population, Map<Long, Reservoir<float[]>>> samples =
            new EnumMap<>(ModelBundle.Population.class);
    private final long seed;

    UsualDrift(long seed) {
        this.seed = seed;
    }

    void add(ModelBundle.Population population, long hourStartMillis, double[] selected) {
        float[] row = new float[selected.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) selected[i];
        }
        samples.computeIfAbsent(population, p -> new TreeMap<>())
                .computeIfAbsent(hourStartMillis, h -> new Reservoir<>(ROWS_PER_HOUR, seed ^ h))
                .add(row);
    }

    /** The segment with each feature's usual drift by hour of the week. */
    ModelBundle.Segment measure(ModelBundle.Segment segment) {
        Map<Long, Reservoir<float[]>> hours = samples.getOrDefault(segment.population(), Map.of());
        List<ReferenceDistribution> measured = new ArrayList<>();
        for (int f = 0; f < segment.reference().size(); f++) {
            ReferenceDistribution ref = segment.reference().get(f);
            if (ref.bins() == null || ref.count() <= DriftStatistics.SMALL_REFERENCE) {
                measured.add(ref); // a KS p-value has no usual level to discount
                continue;
            }
            double[] sum = new double[ReferenceDistribution.HOURS_OF_WEEK];
            int[] n = new int[ReferenceDistribution.HOURS_OF_WEEK];
            for (Map.Entry<Long, Reservoir<float[]>> hour : hours.entrySet()) {
                if (hour.getValue().seen() < AlertRules.DEFAULTS.minRows()) {
                    continue;
                }
                HourHistogram histogram = new HourHistogram(ref.bins().size());
                for (float[] row : hour.getValue().items()) {
                    histogram.add(ref.bins(), row[f]);
                }
                int slot = ReferenceDistribution.hourOfWeek(hour.getKey());
                sum[slot] += DriftStatistics.compare(ref, histogram).statistic();
                n[slot]++;
            }
            measured.add(ref.withUsual(byHourOfWeek(sum, n)));
        }
        return new ModelBundle.Segment(
                segment.population(),
                segment.forest(),
                segment.threshold(),
                segment.trainingRows(),
                measured);
    }

    /** Hours of the week measured, of {@value ReferenceDistribution#HOURS_OF_WEEK}. */
    int measuredHours(ModelBundle.Population population) {
        return (int)
                samples.getOrDefault(population, Map.of()).entrySet().stream()
                        .filter(e -> e.getValue().seen() >= AlertRules.DEFAULTS.minRows())
                        .map(e -> ReferenceDistribution.hourOfWeek(e.getKey()))
                        .distinct()
                        .count();
    }

    static double[] byHourOfWeek(double[] sum, int[] n) {
        double[] usual = new double[sum.length];
        Arrays.fill(usual, Double.NaN);
        double[] daySum = new double[24];
        int[] dayN = new int[24];
        for (int slot = 0; slot < sum.length; slot++) {
            if (n[slot] > 0) {
                usual[slot] = sum[slot] / n[slot];
                daySum[slot % 24] += usual[slot];
                dayN[slot % 24]++;
            }
        }
        for (int slot = 0; slot < sum.length; slot++) {
            if (n[slot] == 0 && dayN[slot % 24] > 0) {
                usual[slot] = daySum[slot % 24] / dayN[slot % 24];
            }
        }
        return usual;
    }
}
