package io.ghanomaly.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceDistributionTest {
    @Test
    void summarisesAFeatureWithPercentilesAsNumpyComputesThem() {
        double[] values = new double[1001];
        for (int i = 0; i < values.length; i++) {
            values[values.length - 1 - i] = i * 0.5; // unsorted input
        }
        ReferenceDistribution r = ReferenceDistribution.of("event_count", values);
        assertThat(r.count()).isEqualTo(1001);
        assertThat(r.mean()).isCloseTo(250.0, within(1e-9));
        assertThat(r.min()).isZero();
        assertThat(r.max()).isEqualTo(500.0);
        assertThat(r.quantiles()[50]).isEqualTo(250.0);
        assertThat(r.quantiles()[1]).isCloseTo(5.0, within(1e-9)); // numpy: 5.0
        assertThat(r.frequencies()).isEmpty(); // too many distinct values
    }

    @Test
    void saysHowRareAValueIsOnEitherSideAndBeyondTheTrainingRange() {
        double[] values = new double[1001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i; // 0 .. 1000, one each
        }
        ReferenceDistribution r = ReferenceDistribution.of("event_count", values);
        assertThat(r.tail(500)).isCloseTo(0.5, within(1e-9));
        assertThat(r.tail(990)).isCloseTo(0.01, within(1e-9)); // the 99th percentile
        assertThat(r.tail(995)).isCloseTo(0.005, within(1e-9)); // interpolated
        assertThat(r.tail(15)).isCloseTo(0.015, within(1e-9)); // the low side
        assertThat(r.tail(1001)).isLessThan(1.0 / 1002).isGreaterThan(r.tail(5000));

        ReferenceDistribution stars =
                ReferenceDistribution.of(
                        "watch_count", new double[] {0, 0, 0, 0, 0, 0, 0, 1, 1, 2});
        assertThat(stars.tail(0)).isCloseTo(0.7, within(1e-12)); // at or below 0
        assertThat(stars.tail(1)).isCloseTo(0.3, within(1e-12)); // at or above 1
        assertThat(stars.tail(2)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void keepsSharesOfAFeatureWithFewDistinctValues() {
        ReferenceDistribution r =
                ReferenceDistribution.of("is_bot", new double[] {0, 0, 0, 1, 0, 1, 0, 0});
        assertThat(r.frequencies()).isEqualTo(Map.of(0.0, 0.75, 1.0, 0.25));
        assertThat(r.quantiles()[100]).isEqualTo(1.0);
        assertThat(r.std()).isCloseTo(Math.sqrt(0.75 * 0.25), within(1e-12));
    }
}
