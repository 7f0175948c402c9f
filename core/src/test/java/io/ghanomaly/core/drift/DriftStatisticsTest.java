package io.ghanomaly.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Against scipy 1.17.1 on the same values ({@code wasserstein_distance(ref, cur) / np.std(ref)},
 * {@code ks_2samp}, {@code jensenshannon}), with the formulas below written out in Python.
 */
class DriftStatisticsTest {
    /** floor(((i * 7919) % 1000) / 10): 0-99, evenly. */
    static final IntToDoubleFunction UNIFORM = i -> Math.floor(((i * 7919L) % 1000) / 10.0);

    @Test
    void aShiftedCountDriftsByTheNormedWassersteinDistanceAsScipyMeasuresIt() {
        FeatureDrift d =
                drift(UNIFORM, 5000, j -> Math.floor(((j * 104729L) % 1000) / 10.0) + 5, 2000);
        assertThat(d.test()).isEqualTo("wasserstein_normed");
        assertThat(d.statistic()).isCloseTo(0.17321374166049874, within(1e-9)); // point bins
        assertThat(d.drifted()).isTrue();
        assertThat(d.ks()).isCloseTo(0.05, within(1e-12));
        assertThat(d.ksPValue()).isCloseTo(0.0015357732562161885, within(2e-4)); // asymptotic
        assertThat(d.currentMean() - d.referenceMean()).isCloseTo(5, within(1e-9));
    }

    @Test
    void theSameDistributionDrawnAnotherWayDoesNotDrift() {
        FeatureDrift d =
                drift(UNIFORM, 5000, j -> Math.floor(((j * 6151L + 17) % 997) / 9.97), 2000);
        assertThat(d.statistic()).isCloseTo(NEAR_WASSERSTEIN, within(1e-9));
        assertThat(d.drifted()).isFalse();
        assertThat(d.psi()).isLessThan(0.01);
        assertThat(d.ksPValue()).isGreaterThan(0.5);
    }

    @Test
    void aHeavyTailBetweenPercentilesIsWithinAFewPercentOfTheExactDistance() {
        FeatureDrift d =
                drift(
                        i -> Math.floor(Math.exp(((i * 7919L) % 1000) / 1000.0 * 6)) - 1,
                        5000,
                        j -> Math.floor(Math.exp(((j * 104729L) % 1000) / 1000.0 * 6.3)) - 1,
                        2000);
        assertThat(d.test()).isEqualTo("wasserstein_normed");
        // 313 distinct values over 101 percentiles: bins hold several, each at its mean
        assertThat(d.statistic())
                .isCloseTo(0.20147512414449745, within(0.20147512414449745 * 0.03));
        assertThat(d.drifted()).isTrue();
        assertThat(d.ks()).isCloseTo(0.048, within(0.005));
    }

    @Test
    void aFlagDriftsByJensenShannonDistance() {
        FeatureDrift d =
                drift(
                        i -> (i * 7919L) % 100 < 10 ? 1 : 0,
                        5000,
                        j -> (j * 104729L) % 100 < 30 ? 1 : 0,
                        2000);
        assertThat(d.test()).isEqualTo("jensen_shannon");
        // scipy on [0.9, 0.1] and [0.7, 0.3]; no share is empty, so no filling
        assertThat(d.statistic()).isCloseTo(0.1800799428448848, within(1e-9));
        assertThat(d.drifted()).isTrue();
    }

    @Test
    void aValueTheReferenceNeverHadCountsAgainstItAndSmallReferencesUseKs() {
        FeatureDrift unseen = drift(i -> i % 2, 5000, j -> 2, 10);
        assertThat(unseen.test()).isEqualTo("jensen_shannon");
        assertThat(unseen.statistic()).isGreaterThan(0.8);

        FeatureDrift small =
                drift(UNIFORM, 1000, j -> Math.floor(((j * 104729L) % 1000) / 10.0) + 30, 500);
        assertThat(small.test()).isEqualTo("ks");
        assertThat(small.statistic()).isEqualTo(small.ksPValue()).isLessThan(0.05);
        assertThat(small.drifted()).isTrue();
    }

    @Test
    void datasetDriftIsHalfTheFeaturesOrMore() {
        FeatureDrift yes = drift(UNIFORM, 5000, j -> UNIFORM.applyAsDouble(j) + 50, 100);
        FeatureDrift no = drift(UNIFORM, 5000, UNIFORM, 1000);
        assertThat(DriftStatistics.datasetDrift(List.of(yes, no))).isTrue();
        assertThat(DriftStatistics.datasetDrift(List.of(yes, no, no))).isFalse();
        assertThat(DriftStatistics.driftedShare(List.of(yes, no, no)))
                .isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void histogramsMergeInAnyOrder() {
        ReferenceDistribution ref = reference(UNIFORM, 5000);
        HourHistogram whole = new HourHistogram(ref.bins().size());
        HourHistogram a = new HourHistogram(ref.bins().size());
        HourHistogram b = new HourHistogram(ref.bins().size());
        for (int j = 0; j < 2000; j++) {
            double v = Math.floor(((j * 104729L) % 1000) / 10.0) + 5;
            whole.add(ref.bins(), v);
            (j % 3 == 0 ? a : b).add(ref.bins(), v);
        }
        b.merge(a);
        assertThat(DriftStatistics.compare(ref, b)).isEqualTo(DriftStatistics.compare(ref, whole));
    }

    /** scipy: wasserstein_distance(ref, near) / np.std(ref) for the second test's values. */
    static final double NEAR_WASSERSTEIN = 0.0023383855124167346;

    static ReferenceDistribution reference(IntToDoubleFunction values, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = values.applyAsDouble(i);
        }
        return ReferenceDistribution.of("f", v);
    }

    static FeatureDrift drift(IntToDoubleFunction ref, int n, IntToDoubleFunction cur, int m) {
        ReferenceDistribution r = reference(ref, n);
        HourHistogram h = new HourHistogram(r.bins().size());
        for (int j = 0; j < m; j++) {
            h.add(r.bins(), cur.applyAsDouble(j));
        }
        return DriftStatistics.compare(r, h);
    }
}
