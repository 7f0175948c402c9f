package io.ghanomaly.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    @Test
    void isExactUpToTheLimit() {
        DistinctCounter c = new DistinctCounter();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < DistinctCounter.EXACT_LIMIT; i++) {
                c.add("owner/repo-" + i);
            }
        }
        assertThat(c.isExact()).isTrue();
        assertThat(c.estimate()).isEqualTo(DistinctCounter.EXACT_LIMIT);
    }

    @Test
    void estimatesWithinFourStandardErrorsAndBoundedMemoryPastTheLimit() {
        for (int n : new int[] {20_000, 200_000}) {
            DistinctCounter c = new DistinctCounter();
            for (int i = 0; i < n; i++) {
                c.add("bot-target/repo-" + i);
                c.add("bot-target/repo-" + (i / 2)); // repeats must not count
            }
            assertThat(c.isExact()).isFalse();
            assertThat(c.table).isEmpty();
            assertThat(c.registers).hasSize(16_384);
            assertThat((double) c.estimate()).isCloseTo(n, within(n * 4 * 0.0081));
        }
    }

    @Test
    void mergesExactAndSketchedCounters() {
        DistinctCounter small = new DistinctCounter();
        DistinctCounter big = new DistinctCounter();
        for (int i = 0; i < 100; i++) {
            small.add("r" + i);
        }
        for (int i = 0; i < 30_000; i++) {
            big.add("r" + i);
        }
        DistinctCounter a = new DistinctCounter();
        a.merge(small);
        assertThat(a.estimate()).isEqualTo(100);
        a.merge(big);
        assertThat((double) a.estimate()).isCloseTo(30_000, within(30_000 * 4 * 0.0081));
        small.merge(big);
        assertThat(small.estimate()).isEqualTo(a.estimate());
    }
}
