package io.ghanomaly.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

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
    private final Nodes nodes;
    private final double[] baselineContributions;
    private final double scoreExponentScale;

    /**
     * A forest from the arrays its accessors return, e.g. read back from a file; they are copied
     * and checked, so that a damaged file fails here rather than in a scoring loop.
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
                numFeatures,
                sampleSize,
                new Nodes(
                        treeRoot.clone(),
                        feature.clone(),
                        threshold.clone(),
                        left.clone(),
                        right.clone(),
                        leafPathLength.clone()),
                baselineContributions.clone());
        validate();
    }

    private IsolationForest(int numFeatures, int sampleSize, Nodes nodes, double[] baseline) {
        this.numFeatures = numFeatures;
        this.sampleSize = sampleSize;
        this.nodes = nodes;
        this.baselineContributions = baseline;
        this.scoreExponentScale = -1.0 / (nodes.roots.length * averagePathLength(sampleSize));
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
        Nodes nodes = IsolationTreeBuilder.growForest(x, n, d, params);
        int m = Math.min(params.sampleSize(), n);
        IsolationForest unexplained = new IsolationForest(d, m, nodes, new double[d]);
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
            unexplained.addContributions(row, baseline);
        }
        for (int f = 0; f < d; f++) {
            baseline[f] /= (double) sample.length * nodes.roots.length;
        }
        return new IsolationForest(d, m, nodes, baseline);
    }

    /** The anomaly score of {@code row}, in (0, 1], higher being more anomalous. */
    public double score(double[] row) {
        checkRow(row);
        int[] feature = nodes.feature;
        double[] threshold = nodes.threshold;
        int[] left = nodes.left;
        int[] right = nodes.right;
        double sum = 0;
        for (int root : nodes.roots) {
            int n = root;
            for (int f = feature[n]; f >= 0; f = feature[n]) {
                n = row[f] < threshold[n] ? left[n] : right[n];
            }
            sum += nodes.leafPathLength[n];
        }
        return Math.pow(2.0, sum * scoreExponentScale);
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
        addContributions(row, out);
        for (int f = 0; f < numFeatures; f++) {
            out[f] /= nodes.roots.length;
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
        double[] c = contributions(row);
        double[] ratio = new double[numFeatures];
        for (int f = 0; f < numFeatures; f++) {
            ratio[f] = c[f] / Math.max(baselineContributions[f], 1e-12);
        }
        return IntStream.range(0, numFeatures)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer f) -> ratio[f]).reversed())
                .limit(k)
                .toList();
    }

    private void addContributions(double[] row, double[] into) {
        int[] feature = nodes.feature;
        for (int root : nodes.roots) {
            int n = root;
            for (int f = feature[n]; f >= 0; f = feature[n]) {
                n = row[f] < nodes.threshold[n] ? nodes.left[n] : nodes.right[n];
            }
            if (n == root) {
                continue; // a tree that is a lone leaf isolates nothing
            }
            double weight = 1.0 / nodes.leafPathLength[n];
            n = root;
            for (int f = feature[n]; f >= 0; f = feature[n]) {
                into[f] += weight;
                n = row[f] < nodes.threshold[n] ? nodes.left[n] : nodes.right[n];
            }
        }
    }

    private void checkRow(double[] row) {
        if (row.length != numFeatures) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, the forest " + numFeatures + " features");
        }
    }

    private void validate() {
        int[] roots = nodes.roots;
        int size = nodes.feature.length;
        check(numFeatures >= 1, "numFeatures must be at least 1, got " + numFeatures);
        check(sampleSize >= 2, "sampleSize must be at least 2, got " + sampleSize);
        check(roots.length >= 1, "treeRoot is empty: a forest needs at least one tree");
        check(nodes.threshold.length == size, "threshold's length differs from feature's");
        check(nodes.left.length == size, "left's length differs from feature's");
        check(nodes.right.length == size, "right's length differs from feature's");
        check(
                nodes.leafPathLength.length == size,
                "leafPathLength's length differs from feature's");
        check(
                baselineContributions.length == numFeatures,
                baselineContributions.length + " baselines for " + numFeatures + " features");
        for (double b : baselineContributions) {
            check(b >= 0 && b < Double.POSITIVE_INFINITY, "a baseline contribution is " + b);
        }
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : size;
            if ((t == 0 && start != 0) || start >= end || end > size) {
                throw new IllegalArgumentException(
                        "treeRoot["
                                + t
                                + "] = "
                                + start
                                + ": roots must start at 0 and rise,"
                                + " each below the next and below the "
                                + size
                                + " nodes");
            }
            for (int i = start; i < end; i++) {
                String problem = nodeProblem(i, end);
                if (problem != null) {
                    throw new IllegalArgumentException(
                            "node " + i + " of tree " + t + ": " + problem);
                }
            }
        }
    }

    /** What is wrong with node i of a tree whose nodes end before {@code end}, or null. */
    private String nodeProblem(int i, int end) {
        int f = nodes.feature[i];
        int l = nodes.left[i];
        int r = nodes.right[i];
        if (f == -1) {
            double h = nodes.leafPathLength[i];
            if (l != -1 || r != -1) {
                return "a leaf has children -1, not " + l + " and " + r;
            }
            return h >= 0 && h < Double.POSITIVE_INFINITY ? null : "leaf path length " + h;
        }
        if (f < 0 || f >= numFeatures) {
            return "feature " + f + " is not in [-1, " + numFeatures + ")";
        }
        if (Double.isNaN(nodes.threshold[i])) {
            return "threshold is NaN";
        }
        // Children after their parent and inside its tree: then every walk ends at a leaf.
        if (l <= i || l >= end || r <= i || r >= end) {
            return "children " + l + " and " + r + " are not in (" + i + ", " + end + ")";
        }
        return null;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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

    /**
     * The depth where a tree grown on {@code rows} rows stops: {@code ceil(log2(max(rows, 2)))}.
     */
    public static int depthLimit(int rows) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(rows, 2) - 1);
    }

    public int numTrees() {
        return nodes.roots.length;
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

    /** The forest's nodes; tree t's run from roots[t] up to the next root, in preorder. */
    static final class Nodes {
        final int[] roots;
        final int[] feature;
        final double[] threshold;
        final int[] left;
        final int[] right;
        final double[] leafPathLength;

        Nodes(
                int[] roots,
                int[] feature,
                double[] threshold,
                int[] left,
                int[] right,
                double[] leafPathLength) {
            this.roots = roots;
            this.feature = feature;
            this.threshold = threshold;
            this.left = left;
            this.right = right;
            this.leafPathLength = leafPathLength;
        }
    }
}
