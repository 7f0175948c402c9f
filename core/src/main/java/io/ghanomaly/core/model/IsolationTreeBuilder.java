package io.ghanomaly.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** Grows the trees of an {@link IsolationForest}, one random stream per tree. */
final class IsolationTreeBuilder {
    /** One value of the training data, whichever way the caller stores it. */
    @FunctionalInterface
    interface Cells {
        double at(int row, int feature);
    }

    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] leafPathLength;
    private final double[] columns; // the sample, feature after feature, for cache locality
    private final int[] order; // sample rows, partitioned node by node as scikit-learn does
    private final int[] candidates; // the features, reordered as draws at a node skip constants
    private final int rows;
    private final int maxDepth;
    private final SplittableRandom rng;
    private int size;

    private IsolationTreeBuilder(Cells x, int n, int d, int m, long seed, int tree) {
        rows = m;
        maxDepth = IsolationForest.depthLimit(m);
        rng = new SplittableRandom(mix(seed, tree));
        int[] sample = sampleWithoutReplacement(rng, n, m);
        columns = new double[d * m];
        for (int i = 0; i < m; i++) {
            for (int f = 0; f < d; f++) {
                columns[f * m + i] = x.at(sample[i], f); // finite: checked by the forest
            }
        }
        order = IntStream.range(0, m).toArray();
        candidates = IntStream.range(0, d).toArray();
        int capacity = 2 * m - 1; // a binary tree with at most m leaves
        feature = new int[capacity];
        threshold = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        leafPathLength = new double[capacity];
        grow(0, m, 0);
    }

    /**
     * The nodes of {@code numTrees} trees grown on {@code min(sampleSize, n)} rows each, the same
     * whatever the number of threads, as each tree's stream follows from (seed, tree index) alone.
     */
    static IsolationForestNodes growForest(Cells x, int n, int d, IsolationForestParams params) {
        int m = Math.min(params.sampleSize(), n);
        if ((long) m * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    m + " rows x " + d + " features is too big a sample");
        }
        long seed = params.seed();
        IsolationTreeBuilder[] trees = new IsolationTreeBuilder[params.numTrees()];
        if (params.threads() == 1) {
            for (int t = 0; t < trees.length; t++) {
                trees[t] = new IsolationTreeBuilder(x, n, d, m, seed, t);
            }
            return concatenate(trees);
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.min(params.threads(), trees.length));
        try {
            List<Future<IsolationTreeBuilder>> futures = new ArrayList<>();
            for (int t = 0; t < trees.length; t++) {
                int tree = t;
                futures.add(pool.submit(() -> new IsolationTreeBuilder(x, n, d, m, seed, tree)));
            }
            for (int t = 0; t < trees.length; t++) {
                trees[t] = futures.get(t).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while growing trees", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("growing a tree failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return concatenate(trees);
    }

    private int grow(int start, int end, int depth) {
        int node = size++;
        if (depth < maxDepth && end - start > 1) {
            // Draw features without replacement until one varies, as scikit-learn's random
            // splitter does, so that every varying feature is equally likely.
            for (int remaining = candidates.length; remaining > 0; remaining--) {
                int j = rng.nextInt(remaining);
                int f = candidates[j];
                int base = f * rows;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = start; i < end; i++) {
                    double v = columns[base + order[i]];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (max > min) {
                    double t = min + rng.nextDouble() * (max - min);
                    // Keep t in (min, max], so that both sides get a row even when rounding (or
                    // a range too wide for a double) pushes it to an end.
                    t = t > min ? Math.min(t, max) : Math.nextUp(min);
                    int mid = partition(base, start, end, t);
                    feature[node] = f;
                    threshold[node] = t;
                    left[node] = grow(start, mid, depth + 1);
                    right[node] = grow(mid, end, depth + 1);
                    return node;
                }
                candidates[j] = candidates[remaining - 1];
                candidates[remaining - 1] = f;
            }
        }
        feature[node] = -1;
        left[node] = -1;
        right[node] = -1;
        leafPathLength[node] = depth + IsolationForest.averagePathLength(end - start);
        return node;
    }

    /** Moves the node's rows below {@code t} to its front; returns where the rest begin. */
    private int partition(int base, int start, int end, double t) {
        int i = start;
        int j = end - 1;
        while (i <= j) {
            if (columns[base + order[i]] < t) {
                i++;
            } else {
                int swap = order[i];
                order[i] = order[j];
                order[j--] = swap;
            }
        }
        return i;
    }

    /** The trees' nodes one after another, in tree order, child indices shifted to match. */
    private static IsolationForestNodes concatenate(IsolationTreeBuilder[] trees) {
        int[] roots = new int[trees.length];
        int total = 0;
        for (int t = 0; t < trees.length; t++) {
            roots[t] = total;
            total += trees[t].size;
        }
        int[] feature = new int[total];
        double[] threshold = new double[total];
        int[] left = new int[total];
        int[] right = new int[total];
        double[] leafPathLength = new double[total];
        for (int t = 0; t < trees.length; t++) {
            IsolationTreeBuilder b = trees[t];
            int at = roots[t];
            System.arraycopy(b.feature, 0, feature, at, b.size);
            System.arraycopy(b.threshold, 0, threshold, at, b.size);
            System.arraycopy(b.leafPathLength, 0, leafPathLength, at, b.size);
            for (int i = 0; i < b.size; i++) {
                left[at + i] = b.left[i] < 0 ? -1 : b.left[i] + at;
                right[at + i] = b.right[i] < 0 ? -1 : b.right[i] + at;
            }
        }
        return new IsolationForestNodes(roots, feature, threshold, left, right, leafPathLength);
    }

    /** SplitMix64's finalizer, so that neighbouring seeds and trees get unrelated streams. */
    static long mix(long seed, long stream) {
        long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code m} distinct indices below {@code n} by Floyd's algorithm: O(m), whatever n is. */
    static int[] sampleWithoutReplacement(SplittableRandom rng, int n, int m) {
        if (m == n) {
            return IntStream.range(0, n).toArray();
        }
        int[] out = new int[m];
        Set<Integer> chosen = new HashSet<>(2 * m);
        for (int j = n - m, k = 0; j < n; j++, k++) {
            int r = rng.nextInt(j + 1);
            out[k] = chosen.add(r) ? r : j;
            chosen.add(out[k]);
        }
        return out;
    }
}
