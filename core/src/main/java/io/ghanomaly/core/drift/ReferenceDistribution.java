package io.ghanomaly.core.drift;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One feature's distribution in a model's training data, kept in the model bundle so the stream's
 * hourly distributions can be compared with it (drift).
 *
 * <p>101 quantiles (every percentile) approximate the whole distribution well enough for the
 * Wasserstein distance and the population stability index; a feature with at most {@link
 * #MAX_CATEGORIES} distinct values also keeps each value's share, for Jensen-Shannon distance.
 *
 * @param feature the feature's column name
 * @param count training rows
 * @param mean mean value
 * @param std standard deviation (population)
 * @param quantiles the 0th, 1st, ..., 100th percentile (linear interpolation, as numpy)
 * @param frequencies value → share of rows, for a feature with few distinct values; else empty
 * @param bins the reference's share and mean per {@link DriftBins} bin, what an hour is compared
 *     on; null in a bundle written before they were kept (no drift for it)
 * @param usual how far the training window's own hours drifted from this reference, by hour of the
 *     week (168 values from Monday 00:00 UTC, each the most seen at such an hour: see the trainer's
 *     UsualDrift; NaN where the window had none); null when not measured. GitHub's activity has a
 *     daily and weekly rhythm, so a Sunday night differs from the week's mix every week: this is
 *     how much, and the alert rules discount it.
 */
@SuppressWarnings("ArrayRecordComponent") // percentiles, compared by content in tests
public record ReferenceDistribution(
        String feature,
        long count,
        double mean,
        double std,
        double[] quantiles,
        Map<Double, Double> frequencies,
        DriftBins bins,
        double[] usual) {
    public static final int QUANTILES = 101;
    public static final int MAX_CATEGORIES = 20;
    public static final int HOURS_OF_WEEK = 168;

    public ReferenceDistribution {
        if (quantiles.length != QUANTILES) {
            throw new IllegalArgumentException(
                    feature + ": " + QUANTILES + " quantiles expected, got " + quantiles.length);
        }
        frequencies = Map.copyOf(frequencies);
        if (usual != null && usual.length != HOURS_OF_WEEK) {
            throw new IllegalArgumentException(
                    feature + ": " + HOURS_OF_WEEK + " usual values expected, got " + usual.length);
        }
    }

    /** The same reference with these usual statistics by hour of the week. */
    public ReferenceDistribution withUsual(double[] byHourOfWeek) {
        return new ReferenceDistribution(
                feature, count, mean, std, quantiles, frequencies, bins, byHourOfWeek.clone());
    }

    /** The usual drift statistic of the hour starting then, or NaN when not known. */
    public double usualAt(long hourStartMillis) {
        return usual == null ? Double.NaN : usual[hourOfWeek(hourStartMillis)];
    }

    /** 0 for the hour from Monday 00:00 UTC, 167 for Sunday 23:00. */
    public static int hourOfWeek(long hourStartMillis) {
        long hours = Math.floorDiv(hourStartMillis, 3_600_000L);
        return (int) Math.floorMod(hours + 72, (long) HOURS_OF_WEEK); // 1970-01-01 was a Thursday
    }

    public static ReferenceDistribution of(String feature, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(feature + ": no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / sorted.length;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double[] q = new double[QUANTILES];
        for (int i = 0; i < QUANTILES; i++) {
            q[i] = quantile(sorted, i / 100.0);
        }
        Map<Double, Double> frequencies = frequencies(sorted);
        double[] edges =
                frequencies.isEmpty()
                        ? Arrays.stream(q).distinct().toArray() // sorted already
                        : frequencies.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        return new ReferenceDistribution(
                feature,
                sorted.length,
                mean,
                Math.sqrt(squares / sorted.length),
                q,
                frequencies,
                DriftBins.of(edges, sorted),
                null);
    }

    /**
     * How rare a value is among the training rows: the smaller of the shares at or above it and at
     * or below it. Exact where the feature has few distinct values, interpolated between the
     * percentiles otherwise; beyond the training range it is below 1/(count + 1), the smaller the
     * further out, so that 250 stars where the most was 60 is rarer than 70.
     */
    public double tail(double x) {
        double floor = 1.0 / (count + 1);
        if (x > max()) {
            return floor / (1 + (x - max()) / (Math.abs(max()) + 1));
        }
        if (x < min()) {
            return floor / (1 + (min() - x) / (Math.abs(min()) + 1));
        }
        double above;
        double below;
        if (!frequencies.isEmpty()) {
            above = 0;
            below = 0;
            for (Map.Entry<Double, Double> e : frequencies.entrySet()) {
                above += e.getKey() >= x ? e.getValue() : 0;
                below += e.getKey() <= x ? e.getValue() : 0;
            }
        } else {
            int first = 0;
            while (quantiles[first] < x) {
                first++;
            }
            int last = QUANTILES - 1;
            while (quantiles[last] > x) {
                last--;
            }
            if (first <= last) { // x is one or more of the percentiles
                above = 1 - first / 100.0;
                below = last / 100.0;
            } else { // between percentile last and first = last + 1
                double p =
                        (last + (x - quantiles[last]) / (quantiles[first] - quantiles[last]))
                                / 100.0;
                above = 1 - p;
                below = p;
            }
        }
        return Math.max(Math.min(above, below), floor);
    }

    public double min() {
        return quantiles[0];
    }

    public double max() {
        return quantiles[QUANTILES - 1];
    }

    /** numpy's default (linear) quantile of sorted values. */
    public static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Map<Double, Double> frequencies(double[] sorted) {
        Map<Double, Double> shares = new TreeMap<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (shares.size() == MAX_CATEGORIES) {
                return Map.of();
            }
            shares.put(sorted[i], (j - i) / (double) sorted.length);
            i = j;
        }
        return shares;
    }
}
