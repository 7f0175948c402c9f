package io.ghanomaly.core.drift;

import java.util.List;

/**
 * Compares an hour's {@link HourHistogram} of a feature with the model's {@link
 * ReferenceDistribution}, choosing the test as Evidently (0.4-0.7) does by default:
 *
 * <ul>
 *   <li>a feature with at most {@value #CATEGORICAL_VALUES} distinct values in the reference:
 *       Jensen-Shannon distance (natural log, as scipy's {@code jensenshannon}; empty shares
 *       0.0001, as Evidently fills them), drift at {@value #JS_THRESHOLD} or more;
 *   <li>any other feature: the Wasserstein distance divided by the reference's standard deviation
 *       (at least 0.001), drift at {@value #WASSERSTEIN_THRESHOLD} or more;
 *   <li>with at most {@value #SMALL_REFERENCE} reference rows, the two-sample KS test instead,
 *       drift at a p-value under {@value #KS_P_THRESHOLD} (Evidently uses chi-square for a
 *       categorical feature there; KS is used for both).
 * </ul>
 *
 * <p>Both sides are compared on the reference's {@link DriftBins}, each bin's mass at its mean
 * value: exact where a bin holds one value (the point bins of tied counts), and otherwise short of
 * the true Wasserstein distance by at most the spread of values inside a bin. PSI is over the
 * reference's deciles (bins grouped by the reference's cumulative share); KS is the largest gap of
 * the cumulative distributions at the bins' ends, with the asymptotic Kolmogorov p-value.
 */
public final class DriftStatistics {
    public static final int CATEGORICAL_VALUES = 5;
    public static final int SMALL_REFERENCE = 1000;
    public static final double WASSERSTEIN_THRESHOLD = 0.1;
    public static final double JS_THRESHOLD = 0.1;
    public static final double KS_P_THRESHOLD = 0.05;

    /** Evidently's share of drifted features at which the whole dataset has drifted. */
    public static final double DATASET_DRIFT_SHARE = 0.5;

    private static final double EMPTY_SHARE = 0.0001;
    private static final double MIN_NORM = 0.001;

    private DriftStatistics() {}

    /**
     * The drift of one feature in the hour starting at {@code hourStartMillis}, with the usual
     * statistic of that hour of the week; the hour must hold at least one row.
     */
    public static FeatureDrift compare(
            ReferenceDistribution reference, HourHistogram hour, long hourStartMillis) {
        return measure(reference, hour, reference.usualAt(hourStartMillis));
    }

    /** The drift of one feature, its usual statistic unknown; the hour must hold a row. */
    public static FeatureDrift compare(ReferenceDistribution reference, HourHistogram hour) {
        return measure(reference, hour, Double.NaN);
    }

    private static FeatureDrift measure(
            ReferenceDistribution reference, HourHistogram hour, double usual) {
        DriftBins bins = reference.bins();
        long n = hour.total();
        if (n == 0) {
            throw new IllegalArgumentException(reference.feature() + ": the hour has no rows");
        }
        double[] current = new double[bins.size()];
        double[] currentMeans = new double[bins.size()];
        for (int b = 0; b < bins.size(); b++) {
            current[b] = hour.count(b) / (double) n;
            currentMeans[b] = hour.count(b) > 0 ? hour.sum(b) / hour.count(b) : bins.means()[b];
        }
        double ks = ksStatistic(bins.shares(), current);
        double ksP = ksPValue(ks, reference.count(), n);
        double psi = psi(bins.shares(), current);
        String test;
        double statistic;
        double threshold;
        boolean drifted;
        if (reference.count() <= SMALL_REFERENCE) {
            test = "ks";
            statistic = ksP;
            threshold = KS_P_THRESHOLD;
            drifted = ksP < KS_P_THRESHOLD;
        } else if (isCategorical(reference)) {
            test = "jensen_shannon";
            statistic = jensenShannon(bins.shares(), current);
            threshold = JS_THRESHOLD;
            drifted = statistic >= threshold;
        } else {
            test = "wasserstein_normed";
            statistic =
                    wasserstein(bins.shares(), bins.means(), current, currentMeans)
                            / Math.max(reference.std(), MIN_NORM);
            threshold = WASSERSTEIN_THRESHOLD;
            drifted = statistic >= threshold;
        }
        return new FeatureDrift(
                reference.feature(),
                test,
                statistic,
                threshold,
                drifted,
                psi,
                ks,
                ksP,
                reference.mean(),
                hour.mean(),
                n,
                usual);
    }

    /** The share of drifted features, and whether it reaches {@link #DATASET_DRIFT_SHARE}. */
    public static double driftedShare(List<FeatureDrift> features) {
        if (features.isEmpty()) {
            return 0;
        }
        return features.stream().filter(FeatureDrift::drifted).count() / (double) features.size();
    }

    public static boolean datasetDrift(List<FeatureDrift> features) {
        return !features.isEmpty() && driftedShare(features) >= DATASET_DRIFT_SHARE;
    }

    static boolean isCategorical(ReferenceDistribution reference) {
        return !reference.frequencies().isEmpty()
                && reference.frequencies().size() <= CATEGORICAL_VALUES;
    }

    /**
     * The Wasserstein-1 distance of two discrete distributions on the same ordered bins, each bin's
     * mass at its own mean: the area between the two cumulative distributions.
     */
    static double wasserstein(double[] p, double[] pAt, double[] q, double[] qAt) {
        double distance = 0;
        double fp = 0;
        double fq = 0;
        double x = Double.NaN;
        for (int b = 0; b < p.length; b++) {
            // the two points of a bin, in order of value (both lie inside the bin)
            boolean pFirst = pAt[b] <= qAt[b];
            for (int side = 0; side < 2; side++) {
                boolean isP = (side == 0) == pFirst;
                double at = isP ? pAt[b] : qAt[b];
                if (!Double.isNaN(x)) {
                    distance += Math.abs(fp - fq) * (at - x);
                }
                x = at;
                if (isP) {
                    fp += p[b];
                } else {
                    fq += q[b];
                }
            }
        }
        return distance;
    }

    /** scipy's {@code jensenshannon(p, q)}, natural log, after Evidently's filling of zeros. */
    static double jensenShannon(double[] p, double[] q) {
        int seen = 0; // the values either side has, as Evidently lists them
        for (int i = 0; i < p.length; i++) {
            seen += p[i] > 0 || q[i] > 0 ? 1 : 0;
        }
        double[] ps = new double[seen];
        double[] qs = new double[seen];
        for (int i = 0, k = 0; i < p.length; i++) {
            if (p[i] > 0 || q[i] > 0) {
                ps[k] = p[i];
                qs[k++] = q[i];
            }
        }
        double[] a = filled(ps);
        double[] b = filled(qs);
        double divergence = 0;
        for (int i = 0; i < a.length; i++) {
            double m = (a[i] + b[i]) / 2;
            divergence += a[i] * Math.log(a[i] / m) + b[i] * Math.log(b[i] / m);
        }
        return Math.sqrt(Math.max(0, divergence / 2));
    }

    /** Shares over the bins either side has, zeros as {@link #EMPTY_SHARE}, summing to 1. */
    private static double[] filled(double[] shares) {
        double[] out = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            out[i] = shares[i] == 0 ? EMPTY_SHARE : shares[i];
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** PSI over ten groups of bins, by the reference's cumulative share at each bin's middle. */
    static double psi(double[] reference, double[] current) {
        double[] ref = new double[10];
        double[] cur = new double[10];
        double cumulative = 0;
        for (int b = 0; b < reference.length; b++) {
            double middle = cumulative + reference[b] / 2;
            int decile = Math.min(9, (int) (middle * 10));
            ref[decile] += reference[b];
            cur[decile] += current[b];
            cumulative += reference[b];
        }
        double psi = 0;
        for (int d = 0; d < 10; d++) {
            if (ref[d] == 0 && cur[d] == 0) {
                continue;
            }
            double r = Math.max(ref[d], EMPTY_SHARE);
            double c = Math.max(cur[d], EMPTY_SHARE);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    static double ksStatistic(double[] p, double[] q) {
        double fp = 0;
        double fq = 0;
        double d = 0;
        for (int b = 0; b < p.length; b++) {
            fp += p[b];
            fq += q[b];
            d = Math.max(d, Math.abs(fp - fq));
        }
        return d;
    }

    /** The asymptotic two-sample Kolmogorov-Smirnov p-value (Stephens' small-sample correction). */
    static double ksPValue(double d, long n, long m) {
        double en = Math.sqrt(n * (double) m / (n + m));
        double lambda = (en + 0.12 + 0.11 / en) * d;
        if (lambda < 1e-3) {
            return 1;
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-12) {
                return Math.max(0, Math.min(1, 2 * sum));
            }
        }
        return 1; // the series did not converge: a gap this small is no evidence (Numerical
        // Recipes)
    }
}
