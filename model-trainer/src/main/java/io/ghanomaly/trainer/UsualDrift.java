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
 * population (a week of 2 populations and 26 features is about 170 MB of heap; of a longer window,
 * the newest {@value #MAX_HOURS} hours), compared with the reference once it is known, so the
 * history is read once; an hour of fewer actor-hours than the alert rules judge is left out. One
 * hour's statistic is a noisy measure of its hour of the week (over a generated week the same
 * feature reads 0.03 one hour and 0.22 the next, at the same level of activity), so the usual level
 * of an hour of the week is the highest statistic the window had at that hour of the day or the
 * hour either side, on any day of the same kind (Monday to Friday, or the weekend): the most the
 * rhythm alone has been seen to drift there (a slot that several weeks of the window fill takes
 * their mean first). With no such hour it is unknown (NaN). A sample of 2,000 reads a little more
 * drift than the whole hour would (sampling noise), which errs towards fewer alerts.
 */
final class UsualDrift {
    static final int ROWS_PER_HOUR = 2000;
    static final int MAX_HOURS = 4 * ReferenceDistribution.HOURS_OF_WEEK;

    private final Map<ModelBundle.Population, TreeMap<Long, Reservoir<double[]>>> samples =
            new EnumMap<>(ModelBundle.Population.class);
    private final long seed;

    UsualDrift(long seed) {
        this.seed = seed;
    }

    /** Keeps {@code selected} (not copied: the caller hands it over) in its hour's sample. */
    void add(ModelBundle.Population population, long hourStartMillis, double[] selected) {
        TreeMap<Long, Reservoir<double[]>> hours =
                samples.computeIfAbsent(population, p -> new TreeMap<>());
        hours.computeIfAbsent(hourStartMillis, h -> new Reservoir<>(ROWS_PER_HOUR, seed ^ h))
                .add(selected);
        if (hours.size() > MAX_HOURS) {
            hours.pollFirstEntry();
        }
    }

    /** The segment with each feature's usual drift by hour of the week. */
    ModelBundle.Segment measure(ModelBundle.Segment segment) {
        Map<Long, Reservoir<double[]>> hours = hoursOf(segment.population());
        List<ReferenceDistribution> measured = new ArrayList<>();
        for (int f = 0; f < segment.reference().size(); f++) {
            ReferenceDistribution ref = segment.reference().get(f);
            if (ref.bins() == null || ref.count() <= DriftStatistics.SMALL_REFERENCE) {
                measured.add(ref); // a KS p-value has no usual level to discount
                continue;
            }
            double[] sum = new double[ReferenceDistribution.HOURS_OF_WEEK];
            int[] n = new int[ReferenceDistribution.HOURS_OF_WEEK];
            for (Map.Entry<Long, Reservoir<double[]>> hour : hours.entrySet()) {
                if (hour.getValue().seen() < AlertRules.DEFAULTS.minRows()) {
                    continue;
                }
                HourHistogram histogram = new HourHistogram(ref.bins().size());
                for (double[] row : hour.getValue().items()) {
                    histogram.add(ref.bins(), row[f]);
                }
                int slot = ReferenceDistribution.hourOfWeek(hour.getKey());
                sum[slot] += DriftStatistics.compare(ref, histogram).statistic();
                n[slot]++;
            }
            measured.add(ref.withUsual(byHourOfWeek(sum, n)));
        }
        return segment.withReference(measured);
    }

    private Map<Long, Reservoir<double[]>> hoursOf(ModelBundle.Population population) {
        Map<Long, Reservoir<double[]>> hours = samples.get(population);
        return hours == null ? Map.of() : hours;
    }

    /** Hours of the week measured, of {@value ReferenceDistribution#HOURS_OF_WEEK}. */
    int measuredHours(ModelBundle.Population population) {
        return (int)
                hoursOf(population).entrySet().stream()
                        .filter(e -> e.getValue().seen() >= AlertRules.DEFAULTS.minRows())
                        .map(e -> ReferenceDistribution.hourOfWeek(e.getKey()))
                        .distinct()
                        .count();
    }

    static double[] byHourOfWeek(double[] sum, int[] n) {
        // the highest measured statistic per kind of day (0 weekday, 1 weekend) and hour of day
        double[][] highest = new double[2][24];
        for (double[] kind : highest) {
            Arrays.fill(kind, Double.NaN);
        }
        for (int slot = 0; slot < sum.length; slot++) {
            if (n[slot] > 0) {
                double mean = sum[slot] / n[slot];
                double[] kind = highest[weekend(slot)];
                int h = slot % 24;
                kind[h] = Double.isNaN(kind[h]) ? mean : Math.max(kind[h], mean);
            }
        }
        double[] usual = new double[sum.length];
        for (int slot = 0; slot < sum.length; slot++) {
            double[] kind = highest[weekend(slot)];
            double u = Double.NaN;
            for (int d = -1; d <= 1; d++) {
                double v = kind[Math.floorMod(slot % 24 + d, 24)];
                if (!Double.isNaN(v)) {
                    u = Double.isNaN(u) ? v : Math.max(u, v);
                }
            }
            usual[slot] = u;
        }
        return usual;
    }

    private static int weekend(int slotOfWeek) {
        return slotOfWeek / 24 >= 5 ? 1 : 0; // days from Monday: 5 and 6 are Saturday and Sunday
    }
}
