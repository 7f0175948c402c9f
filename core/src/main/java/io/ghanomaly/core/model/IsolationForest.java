package io.ghanomaly.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An Isolation Forest (Liu, Ting and Zhou, 2008) that follows scikit-learn's algorithm and
 * defaults, stored in flat arrays so that scoring a row allocates nothing.
 *
 * <p>Each tree sees {@code min(sampleSize, n)} rows drawn without replacement and splits them, to a
 * depth of {@code ceil(log2(rows))}, on a feature drawn uniformly among those not constant in the
 * node, at a threshold drawn uniformly between that feature's minimum and maximum; a row goes left
 * when its value is below the threshold (scikit-learn sends {@code <=} left with the threshold in
 * {@code [min, max)}: the same up to a set of measure zero). The score {@code 2^(-mean path length
 * / c(rows))} is in (0, 1], higher being more anomalous; scikit-learn's {@code score_samples} is
 * its negation. Nodes are numbered in preorder, so a child always follows its parent, and tree t
 * owns the nodes from {@code treeRoot[t]} up to the next root.
 *
 * <p>Explanations attribute a row's isolation to the features that isolated it. In every tree, each
 * split on the row's path adds {@code 1/h} to its feature, h being the row's path length in that
 * tree, so the few splits of a short, isolating path weigh more than the many of a long one; the
 * sums are averaged over trees. A feature that trees split on often anyway would lead every row's
 * list, so the forest also keeps each feature's mean contribution over up to 2,048 training rows.
 * {@link #topFeatures} ranks features by contribution divided by that baseline: how much more a
 * feature isolates this row than it isolates a typical one.
 */
public final class IsolationForest {
    private static final double EULER_GAMMA = 0.5772156649015329;
    private static final int BASELINE_ROWS = 2048;

    private final int numFeatures;
    private final int sampleSize;
    private final IsolationForestNodes nodes;
    private final double[] baselineContributions;
    private final double scoreExponentScale;

    /**
     * A forest from the arrays its accessors return, e.g. read back from a file; they are copied
     * and checked, so that a damaged file fails here, saying what is wrong, not in a scoring loop.
     */
    public IsolationForest(
            int numFeatures,
            int sampleSize,
            int[] treeRoot,
            int[] feature,
            double[] threshold,
            int[] left,
            int[] right,
            double[] leafPathLength,
            double[] baselineContributions) {
        this(
                checkedSizes(numFeatures, sampleSize),
                sampleSize,
                IsolationForestNodes.checked(
                        numFeatures,
                        treeRoot.clone(),
                        feature.clone(),
                        threshold.clone(),
                        left.clone(),
                        right.clone(),
                        leafPathLength.clone()),
                checkedBaseline(numFeatures, baselineContributions.clone()));
    }

    private IsolationForest(
            int numFeatures, int sampleSize, IsolationForestNodes nodes, double[] baseline) {
        this.numFeatures = numFeatures;
        this.sampleSize = sampleSize;
        this.nodes = nodes;
        this.baselineContributions = baseline;
        this.scoreExponentScale = -1.0 / (nodes.numTrees() * averagePathLength(sampleSize));
    }

    /** Trains on {@code rows}, all of the same length and finite; see the class comment. */
    public static IsolationForest train(double[][] rows, IsolationForestParams params) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
        }
        return train((r, f) -> rows[r][f], rows.length, d, params);
    }

    /** Trains on {@code numRows} rows of {@code numFeatures} values, stored row after row. */
    public static IsolationForest train(
            double[] values, int numRows, int numFeatures, IsolationForestParams params) {
        if (values.length != (long) numRows * numFeatures) {
            throw new IllegalArgumentException(
                    values.length + " values are not " + numRows + " rows of " + numFeatures);
        }
        return train((r, f) -> values[r * numFeatures + f], numRows, numFeatures, params);
    }

    private static IsolationForest train(
            IsolationTreeBuilder.Cells x, int n, int d, IsolationForestParams params) {
        if (n < 2 || d < 1) {
            throw new IllegalArgumentException(
                    "need at least 2 rows and 1 feature to train, got " + n + " x " + d);
        }
        // Every row, not only the sampled ones: the baseline reads others, and whether training
        // fails must not depend on the seed.
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                double v = x.at(r, f);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "row %d, feature %d is %s: the forest needs finite values",
                                    r, f, v));
                }
            }
        }
        IsolationForestNodes nodes = IsolationTreeBuilder.growForest(x, n, d, params);
        int m = Math.min(params.sampleSize(), n);
        // A stream of its own, so that the baseline rows do not depend on the number of trees.
        SplittableRandom rng = new SplittableRandom(IsolationTreeBuilder.mix(params.seed(), -1));
        int[] sample =
                IsolationTreeBuilder.sampleWithoutReplacement(rng, n, Math.min(n, BASELINE_ROWS));
        double[] baseline = new double[d];
        double[] row = new double[d];
        for (int r : sample) {
            for (int f = 0; f < d; f++) {
                row[f] = x.at(r, f);
            }
            nodes.addContributions(row, baseline);
        }
        for (int f = 0; f < d; f++) {
            baseline[f] /= (double) sample.length * nodes.numTrees();
        }
        return new IsolationForest(d, m, nodes, baseline);
    }

    /**
     * The anomaly score of {@code row}, in (0, 1], higher being more anomalous.
     *
     * @throws IllegalArgumentException when the row has the wrong length or a NaN, which no split
     *     can place
     */
    public double score(double[] row) {
        checkRow(row);
        return Math.pow(2.0, nodes.pathLengthSum(row) * scoreExponentScale);
    }

    /** Scores every row of {@code rows} into {@code out}. */
    public void scoreAll(double[][] rows, double[] out) {
        if (out.length != rows.length) {
            throw new IllegalArgumentException(
                    rows.length + " rows but room for " + out.length + " scores");
        }
        for (int i = 0; i < rows.length; i++) {
            out[i] = score(rows[i]);
        }
    }

    /**
     * How much each feature isolates {@code row}: the mean over trees of {@code 1/h} per split on
     * that feature along the row's path, h being the row's path length in the tree.
     */
    public double[] contributions(double[] row) {
        checkRow(row);
        double[] out = new double[numFeatures];
        nodes.addContributions(row, out);
        for (int f = 0; f < numFeatures; f++) {
            out[f] /= nodes.numTrees();
        }
        return out;
    }

    /**
     * The {@code k} features (all of them if fewer) whose contribution to {@code row} most exceeds
     * their baseline, most unusual first; ties go to the lower index.
     */
    public List<Integer> topFeatures(double[] row, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        double[] ratio = isolationRatios(row);
        // k is small (3 in the job): k passes beat sorting every feature.
        List<Integer> top = new ArrayList<>(Math.min(k, numFeatures));
        boolean[] taken = new boolean[numFeatures];
        while (top.size() < Math.min(k, numFeatures)) {
            int best = -1;
            for (int f = 0; f < numFeatures; f++) {
                if (!taken[f] && (best < 0 || ratio[f] > ratio[best])) {
                    best = f;
                }
            }
            taken[best] = true;
            top.add(best);
        }
        return top;
    }

    /**
     * Per feature, its {@link #contributions} to {@code row} divided by its baseline: how much more
     * it isolates this row than a typical one; 0 for a feature no split on the row's paths used.
     */
    public double[] isolationRatios(double[] row) {
        double[] ratio = contributions(row);
        for (int f = 0; f < numFeatures; f++) {
            ratio[f] /= Math.max(baselineContributions[f], 1e-12);
        }
        return ratio;
    }

    private void checkRow(double[] row) {
        if (row.length != numFeatures) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, the forest " + numFeatures + " features");
        }
        for (int f = 0; f < row.length; f++) {
            if (Double.isNaN(row[f])) {
                throw new IllegalArgumentException("feature " + f + " of the row is NaN");
            }
        }
    }

    private static int checkedSizes(int numFeatures, int sampleSize) {
        IsolationForestNodes.check(
                numFeatures >= 1, "numFeatures must be at least 1, got " + numFeatures);
        IsolationForestNodes.check(
                sampleSize >= 2, "sampleSize must be at least 2, got " + sampleSize);
        return numFeatures;
    }

    private static double[] checkedBaseline(int numFeatures, double[] baseline) {
        IsolationForestNodes.check(
                baseline.length == numFeatures,
                baseline.length + " baselines for " + numFeatures + " features");
        for (double b : baseline) {
            IsolationForestNodes.check(
                    b >= 0 && b < Double.POSITIVE_INFINITY, "a baseline contribution is " + b);
        }
        return baseline;
    }

    /** scikit-learn's {@code _average_path_length}: the mean depth of an unsuccessful search. */
    public static double averagePathLength(int n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** The depth where a tree grown on {@code rows} rows stops: ceil(log2(max(rows, 2))). */
    public static int depthLimit(int rows) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(rows, 2) - 1);
    }

    public int numTrees() {
        return nodes.numTrees();
    }

    public int numFeatures() {
        return numFeatures;
    }

    /** The rows each tree was grown on: {@code min(sampleSize, n)}. */
    public int sampleSize() {
        return sampleSize;
    }

    public int[] treeRoot() {
        return nodes.roots.clone();
    }

    /** Per node, the feature it splits on, or -1 for a leaf. */
    public int[] feature() {
        return nodes.feature.clone();
    }

    /** Per node, the split threshold (smaller values go left); 0 for leaves. */
    public double[] threshold() {
        return nodes.threshold.clone();
    }

    /** Per node, its left child, or -1 for a leaf. */
    public int[] left() {
        return nodes.left.clone();
    }

    /** Per node, its right child, or -1 for a leaf. */
    public int[] right() {
        return nodes.right.clone();
    }

    /** Per node, for leaves, depth + c(training rows in the leaf); 0 for split nodes. */
    public double[] leafPathLength() {
        return nodes.leafPathLength.clone();
    }

    /** Per feature, its mean {@link #contributions} over up to 2,048 training rows. */
    public double[] baselineContributions() {
        return baselineContributions.clone();
    }
}
