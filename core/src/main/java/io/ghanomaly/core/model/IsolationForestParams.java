package io.ghanomaly.core.model;

/**
 * How to train an {@link IsolationForest}: scikit-learn's defaults are 100 trees of at most 256
 * rows each.
 *
 * @param numTrees trees in the forest, at least 1
 * @param sampleSize rows drawn (without replacement) for each tree, at least 2; the row count is
 *     used when it is smaller
 * @param seed the whole forest follows from it, whatever {@code threads} is
 * @param threads trees built at once, at least 1; changes the speed only, never the model
 */
public record IsolationForestParams(int numTrees, int sampleSize, long seed, int threads) {
    public static final int DEFAULT_NUM_TREES = 100;
    public static final int DEFAULT_SAMPLE_SIZE = 256;

    public IsolationForestParams {
        if (numTrees < 1) {
            throw new IllegalArgumentException("numTrees must be at least 1, got " + numTrees);
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("sampleSize must be at least 2, got " + sampleSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * scikit-learn's defaults on one thread: a default forest trains in milliseconds, as each tree
     * sees only 256 rows, so more threads rarely pay for their start-up.
     */
    public static IsolationForestParams defaults(long seed) {
        return new IsolationForestParams(DEFAULT_NUM_TREES, DEFAULT_SAMPLE_SIZE, seed, 1);
    }
}
