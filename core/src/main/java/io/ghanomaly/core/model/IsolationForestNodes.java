package io.ghanomaly.core.model;

/**
 * The nodes of an {@link IsolationForest} in flat arrays, and the walks over them that score and
 * explain a row.
 *
 * <p>Nodes are numbered in preorder, tree after tree: tree t owns the nodes from {@code roots[t]}
 * up to the next root, and a child always follows its parent.
 */
final class IsolationForestNodes {
    final int[] roots;
    final int[] feature; // -1 for a leaf
    final double[] threshold; // rows with a smaller value go left
    final int[] left; // -1 for a leaf
    final int[] right; // -1 for a leaf
    final double[] leafPathLength; // depth + c(training rows in the leaf), for leaves

    // Scoring's copy of the nodes, in which a leaf is its own left and right child: every walk
    // then takes walkDepth steps without a branch to mispredict (see step()).
    private final int[] walkFeature;
    private final double[] walkThreshold;
    private final int[] walkLeft;
    private final int[] walkRight;
    private final int walkDepth;

    /** Nodes known to be well formed: grown here, or {@link #checked}. */
    IsolationForestNodes(
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
        int size = feature.length;
        walkFeature = new int[size];
        walkThreshold = new double[size];
        walkLeft = new int[size];
        walkRight = new int[size];
        int[] depth = new int[size];
        int deepest = 0;
        // In preorder a parent's depth is known before its children's.
        for (int i = 0; i < size; i++) {
            if (feature[i] < 0) {
                walkLeft[i] = i;
                walkRight[i] = i;
            } else {
                walkFeature[i] = feature[i];
                // -0.0, not +0.0: a row's -0.0 must go right, and -0.0 - -0.0 is +0.0.
                walkThreshold[i] = threshold[i] == 0.0 ? -0.0 : threshold[i];
                walkLeft[i] = left[i];
                walkRight[i] = right[i];
                depth[left[i]] = depth[i] + 1;
                depth[right[i]] = depth[i] + 1;
            }
            deepest = Math.max(deepest, depth[i]);
        }
        walkDepth = deepest;
    }

    /**
     * Nodes from arrays of unknown origin (a file), checked so that a damaged one fails here, with
     * a message saying what is wrong, rather than in a scoring loop.
     */
    static IsolationForestNodes checked(
            int numFeatures,
            int[] roots,
            int[] feature,
            double[] threshold,
            int[] left,
            int[] right,
            double[] leafPathLength) {
        int size = feature.length;
        check(roots.length >= 1, "treeRoot is empty: a forest needs at least one tree");
        check(threshold.length == size, "threshold's length differs from feature's");
        check(left.length == size, "left's length differs from feature's");
        check(right.length == size, "right's length differs from feature's");
        check(leafPathLength.length == size, "leafPathLength's length differs from feature's");
        for (int t = 0; t < roots.length; t++) {
            int start = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : size;
            if ((t == 0 && start != 0) || start >= end || end > size) {
                throw new IllegalArgumentException(
                        "treeRoot["
                                + t
                                + "] = "
                                + start
                                + ": roots must start at 0 and rise, each below the next and"
                                + " below the "
                                + size
                                + " nodes");
            }
            for (int i = start; i < end; i++) {
                String problem;
                int f = feature[i];
                if (f == -1) {
                    double h = leafPathLength[i];
                    problem =
                            left[i] != -1 || right[i] != -1
                                    ? "a leaf has children -1, not " + left[i] + " and " + right[i]
                                    : h >= 0 && h < Double.POSITIVE_INFINITY
                                            ? null
                                            : "leaf path length " + h;
                } else if (f < 0 || f >= numFeatures) {
                    problem = "feature " + f + " is not in [-1, " + numFeatures + ")";
                } else if (!Double.isFinite(threshold[i])) {
                    problem = "threshold is " + threshold[i];
                } else if (left[i] <= i || left[i] >= end || right[i] <= i || right[i] >= end) {
                    // Children after their parent and inside its tree: every walk ends at a leaf.
                    problem =
                            "children "
                                    + left[i]
                                    + " and "
                                    + right[i]
                                    + " are not in ("
                                    + i
                                    + ", "
                                    + end
                                    + ")";
                } else {
                    problem = null;
                }
                if (problem != null) {
                    throw new IllegalArgumentException(
                            "node " + i + " of tree " + t + ": " + problem);
                }
            }
        }
        // Every node but a root has exactly one parent: a tree, not a graph that shares or
        // orphans nodes (the walk depth is computed from parents and would be wrong).
        int[] parents = new int[size];
        for (int i = 0; i < size; i++) {
            if (feature[i] >= 0) {
                parents[left[i]]++;
                parents[right[i]]++;
            }
        }
        int tree = 0;
        for (int i = 0; i < size; i++) {
            boolean isRoot = tree < roots.length && roots[tree] == i;
            if (isRoot) {
                tree++;
            }
            if (parents[i] != (isRoot ? 0 : 1)) {
                throw new IllegalArgumentException(
                        "node "
                                + i
                                + " has "
                                + parents[i]
                                + " parents; "
                                + (isRoot ? "a root has none" : "a node has exactly one"));
            }
        }
        return new IsolationForestNodes(roots, feature, threshold, left, right, leafPathLength);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    int numTrees() {
        return roots.length;
    }

    /** The sum over trees of the path length of {@code row}, which must have no NaN. */
    double pathLengthSum(double[] row) {
        double[] h = leafPathLength;
        double sum = 0;
        int t = 0;
        // Four trees at a time: their walks are independent, so their loads overlap.
        for (; t + 4 <= roots.length; t += 4) {
            int a = roots[t];
            int b = roots[t + 1];
            int c = roots[t + 2];
            int d = roots[t + 3];
            for (int k = 0; k < walkDepth; k++) {
                a = step(row, a);
                b = step(row, b);
                c = step(row, c);
                d = step(row, d);
            }
            sum += h[a] + h[b] + h[c] + h[d];
        }
        for (; t < roots.length; t++) {
            int n = roots[t];
            for (int k = 0; k < walkDepth; k++) {
                n = step(row, n);
            }
            sum += h[n];
        }
        return sum;
    }

    /**
     * The child of node n that {@code row} goes to, chosen without a branch: for values that are
     * not NaN, the sign bit of {@code row[f] - threshold} is {@code row[f] < threshold}.
     */
    private int step(double[] row, int n) {
        int less = (int) (Double.doubleToRawLongBits(row[walkFeature[n]] - walkThreshold[n]) >> 63);
        return walkRight[n] ^ ((walkLeft[n] ^ walkRight[n]) & less);
    }

    /** Adds, per tree, {@code 1/h} to the feature of every split on the row's path of length h. */
    void addContributions(double[] row, double[] into) {
        int[] path = new int[walkDepth]; // the features split on, one walk per tree
        for (int root : roots) {
            int n = root;
            int splits = 0;
            for (int f = feature[n]; f >= 0; f = feature[n]) {
                path[splits++] = f;
                n = row[f] < threshold[n] ? left[n] : right[n];
            }
            double weight = 1.0 / leafPathLength[n];
            for (int i = 0; i < splits; i++) {
                into[path[i]] += weight; // a lone-leaf tree has no splits: it isolates nothing
            }
        }
    }
}
