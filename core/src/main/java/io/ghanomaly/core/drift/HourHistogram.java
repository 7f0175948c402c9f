package io.ghanomaly.core.drift;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One feature's values in an hour (of one population), counted in the reference's {@link
 * DriftBins}: a count and a sum per bin, so histograms of the same bins merge by adding, in any
 * order, and the hour's mean per bin stays exact.
 */
public final class HourHistogram implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] counts;
    private final double[] sums;

    public HourHistogram(int bins) {
        this.counts = new long[bins];
        this.sums = new double[bins];
    }

    public void add(DriftBins bins, double value) {
        int b = bins.binOf(value);
        counts[b]++;
        sums[b] += value;
    }

    /** Adds another histogram of the same bins into this one. */
    public void merge(HourHistogram other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException(
                    "histograms of " + counts.length + " and " + other.counts.length + " bins");
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] += other.counts[b];
            sums[b] += other.sums[b];
        }
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    long count(int bin) {
        return counts[bin];
    }

    double sum(int bin) {
        return sums[bin];
    }

    public double mean() {
        long n = total();
        return n == 0 ? 0 : Arrays.stream(sums).sum() / n;
    }
}
