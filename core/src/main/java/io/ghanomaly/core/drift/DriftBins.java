package io.ghanomaly.core.drift;

import java.util.Arrays;

/**
 * How a feature's values fall into bins, and the reference's share and mean value in each: the
 * common ground on which an hour's distribution is compared with the training one.
 *
 * <p>The edges are the reference's distinct percentiles (its distinct values, for a feature with
 * few). A value equal to an edge has a bin of its own, a value between two edges the bin between
 * them, and there is a bin below the first edge and one above the last, where the reference has
 * nothing. Counts pile up on a few values (most actors push 0 releases), so the point bins keep
 * those ties exact; each bin's mean keeps where the rest of the mass sits, which is what the
 * Wasserstein distance needs.
 *
 * @param edges increasing, at least one
 * @param shares the reference's share of rows in each of the {@code 2 * edges + 1} bins
 * @param means the reference's mean value in each bin (the bin's middle where it has none)
 */
@SuppressWarnings("ArrayRecordComponent") // compared by content in tests, never mutated
public record DriftBins(double[] edges, double[] shares, double[] means) {
    public DriftBins {
        if (edges.length == 0) {
            throw new IllegalArgumentException("at least one edge");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException(
                        "edges must increase: " + Arrays.toString(edges));
            }
        }
        int bins = bins(edges.length);
        if (shares.length != bins || means.length != bins) {
            throw new IllegalArgumentException(
                    bins + " shares and means expected for " + edges.length + " edges");
        }
    }

    /** Bins of the sorted reference values over these edges. */
    static DriftBins of(double[] edges, double[] sorted) {
        int bins = bins(edges.length);
        double[] sums = new double[bins];
        long[] counts = new long[bins];
        for (double v : sorted) {
            int b = binOf(edges, v);
            counts[b]++;
            sums[b] += v;
        }
        double[] shares = new double[bins];
        double[] means = new double[bins];
        for (int b = 0; b < bins; b++) {
            shares[b] = counts[b] / (double) sorted.length;
            means[b] = counts[b] > 0 ? sums[b] / counts[b] : middle(edges, b);
        }
        return new DriftBins(edges, shares, means);
    }

    public int size() {
        return shares.length;
    }

    /** The bin of a value. */
    public int binOf(double value) {
        return binOf(edges, value);
    }

    static int binOf(double[] edges, double value) {
        int at = Arrays.binarySearch(edges, value);
        if (at >= 0) {
            return 2 * at + 1;
        }
        return 2 * (-at - 1); // 0 below the first edge, 2 * edges above the last
    }

    /** A value inside bin b, for a bin the reference never saw. */
    static double middle(double[] edges, int b) {
        if (b % 2 == 1) {
            return edges[b / 2];
        }
        int above = b / 2; // the edge above the bin
        if (above == 0) {
            return edges[0];
        }
        if (above == edges.length) {
            return edges[edges.length - 1];
        }
        return (edges[above - 1] + edges[above]) / 2;
    }

    private static int bins(int edges) {
        return 2 * edges + 1;
    }
}
