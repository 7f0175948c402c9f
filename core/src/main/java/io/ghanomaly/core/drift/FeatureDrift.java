package io.ghanomaly.core.drift;

/**
 * One feature's drift in one hour against the model's reference, by Evidently's default test for
 * the feature, with PSI and Kolmogorov-Smirnov beside it.
 *
 * @param feature the feature's column name
 * @param test the test that decides: {@code wasserstein_normed}, {@code jensen_shannon} or {@code
 *     ks} (see {@link DriftStatistics})
 * @param statistic its value: a distance, or the KS test's p-value
 * @param threshold drift at or above it (below it, for a p-value)
 * @param drifted whether the test says the feature drifted
 * @param psi the population stability index over the reference's deciles
 * @param ks the largest gap between the two cumulative distributions
 * @param ksPValue the KS test's asymptotic p-value
 * @param referenceMean the feature's mean in training
 * @param currentMean its mean in the hour
 * @param rows actor-hours in the hour
 * @param usual the most the training window drifted at such an hour of the week (see {@link
 *     ReferenceDistribution#usual()}), NaN when not known
 */
public record FeatureDrift(
        String feature,
        String test,
        double statistic,
        double threshold,
        boolean drifted,
        double psi,
        double ks,
        double ksPValue,
        double referenceMean,
        double currentMean,
        long rows,
        double usual) {}
